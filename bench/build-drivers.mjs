// Bundles the bench's TypeScript drivers (which import runtime/ sources) into .tmp/bench/.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(root, '.tmp', 'bench');

/** Builds the drivers; returns their paths, plus a one-line spell that marks its first instruction. */
export async function buildDrivers() {
  await build({
    absWorkingDir: root,
    entryPoints: { 'lua-cpu': 'bench/lua-cpu.ts', 'warm-start': 'bench/warm-start.ts' },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  mkdirSync(outDir, { recursive: true });
  const firstSpell = path.join(outDir, 'first.lua');
  writeFileSync(firstSpell, 'print("llmspell-bench-first")\n');
  return {
    luaCpu: path.join(outDir, 'lua-cpu.js'),
    warmStart: path.join(outDir, 'warm-start.js'),
    firstSpell,
    marker: 'llmspell-bench-first',
  };
}
