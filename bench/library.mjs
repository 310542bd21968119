// Section of `npm run bench`: the spell library index (issue target: 10,000 spells indexed in ≤ 1 s,
// searched in ≤ 50 ms). Bundles bench/library.ts, which imports the runtime's library code.
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './build-drivers.mjs';

export async function benchLibraryLines() {
  const out = path.join(root, 'dist', 'bench-library.js');
  await build({ absWorkingDir: root, entryPoints: ['bench/library.ts'], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' });
  const { benchLibrary } = await import(pathToFileURL(out).href);
  return benchLibrary();
}
