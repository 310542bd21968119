import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { starterConfigText } from './starter';

/**
 * Writes the starter configuration to `path` atomically (temp file in the same folder, fsync,
 * then link/rename into place), mode 0600. Never overwrites: an existing file gives `written: false`.
 */
export function initConfigFile(path: string): { written: boolean; path: string } {
  const target = resolve(path);
  if (existsSync(target)) return { written: false, path: target };
  // The folder (e.g. ~/.llmspell) may hold keys later: only its owner may list it.
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  // 0600 from creation on: the file may later hold API keys. 'wx' refuses to follow a planted file.
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, starterConfigText());
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    return { written: placeWithoutOverwrite(temp, target), path: target };
  } finally {
    rmSync(temp, { force: true });
  }
}

/** link() fails if the target appeared meanwhile, unlike rename(); rename is the fallback where links are unsupported. */
function placeWithoutOverwrite(temp: string, target: string): boolean {
  try {
    linkSync(temp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (existsSync(target)) return false;
    renameSync(temp, target);
    return true;
  }
}
