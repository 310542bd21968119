import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Path of the bundled engine-process entry. Inside dist/ it sits beside the CLI bundle; when the
 * runtime is loaded from source (tests), it is the package's dist/ (built by `npm test`'s pretest).
 */
export function engineEntryPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, 'engine-process.cjs');
  // In the packaged desktop app the engine and the engines' wasm are unpacked beside app.asar
  // (build/electron-builder.yml asarUnpack): start the process from real files there.
  const unpacked = sibling.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
  if (unpacked !== sibling && existsSync(unpacked)) return unpacked;
  if (existsSync(sibling)) return sibling;
  let dir = here;
  while (dir !== path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'engine-process.cjs');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('dist/engine-process.cjs not found: run `npm run build`');
}
