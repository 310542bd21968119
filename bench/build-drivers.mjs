// Bundles the bench's TypeScript drivers (which import runtime/ sources) into dist/bench-*.js, beside
// the runtime bundles (dist/ is git- and lint-ignored, and the Supervisor finds its engine entry there).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawText } from '../scripts/raw-text.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles TypeScript bench drivers (name in dist/ → source) beside the runtime bundles, so they import
 * the runtime's sources and the Supervisor finds its engine entry; returns the built paths by name.
 */
export async function buildBenchEntries(entryPoints) {
  await build({ absWorkingDir: root, entryPoints, outdir: 'dist', bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', plugins: [rawText] });
  return Object.fromEntries(Object.keys(entryPoints).map((name) => [name, path.join(root, 'dist', `${name}.js`)]));
}

/** Builds the drivers; returns their paths, plus a one-line spell that marks its first instruction. */
export async function buildDrivers() {
  await buildBenchEntries({ 'bench-lua-cpu': 'bench/lua-cpu.ts', 'bench-warm-start': 'bench/warm-start.ts', 'bench-llm': 'bench/llm.ts', 'bench-llm-server': 'bench/llm-server-process.ts' });
  return {
    luaCpu: path.join(root, 'dist', 'bench-lua-cpu.js'),
    warmStart: path.join(root, 'dist', 'bench-warm-start.js'),
    llm: path.join(root, 'dist', 'bench-llm.js'),
    firstSpell: path.join(root, 'bench', 'first-instruction.lua'),
    marker: 'llmspell-bench-first',
  };
}
