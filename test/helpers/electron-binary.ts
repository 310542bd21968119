import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The installed Electron binary, or undefined. Never `require('electron')`: with the binary missing
 * that starts a download. Same lookup as bin/start.mjs.
 */
export function electronBinary(): string | undefined {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const name = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), name);
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Why the Electron tests are skipped, printed as the skipped test's name. */
export const NO_ELECTRON = 'skipped: the Electron binary is not installed here (electron downloads it on first use, and this machine cannot download it)';
