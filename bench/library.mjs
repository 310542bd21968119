// Section of `npm run bench`: the spell library index (issue target: 10,000 spells indexed in ≤ 1 s,
// searched in ≤ 50 ms). Bundles bench/library.ts, which imports the runtime's library code.
import { pathToFileURL } from 'node:url';
import { buildBenchEntries } from './build-drivers.mjs';

export async function benchLibraryLines() {
  const built = await buildBenchEntries({ 'bench-library': 'bench/library.ts' });
  const { benchLibrary } = await import(pathToFileURL(built['bench-library']).href);
  return benchLibrary();
}
