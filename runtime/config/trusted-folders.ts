/**
 * Workspace trust, like an editor's: a project folder's `llmspell.yaml` and `.env` come with the
 * folder (a cloned repository, a download), so they may not widen what the user's own configuration
 * trusts unless the user trusted that folder with `llmspell trust`. The list lives in the user's
 * llmspell home (`trusted-folders.json`), never in a project.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const FILE = 'trusted-folders.json';

function real(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return resolve(folder);
  }
}

/** The trusted folders recorded in `home` (absolute real paths). */
export function trustedFolders(home: string): string[] {
  try {
    const data = JSON.parse(readFileSync(join(home, FILE), 'utf8')) as unknown;
    return Array.isArray(data) ? data.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return []; // none yet, or unreadable: nothing is trusted
  }
}

/** Whether `folder` itself was trusted (its parent's trust does not extend to it). */
export function isTrustedFolder(home: string, folder: string): boolean {
  return trustedFolders(home).includes(real(folder));
}

/** Records `folder` as trusted (or no longer, with `trusted` false); returns its real path. */
export function setFolderTrust(home: string, folder: string, trusted: boolean): string {
  const path = real(folder);
  const rest = trustedFolders(home).filter((f) => f !== path);
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileAtomicSync(join(home, FILE), `${JSON.stringify(trusted ? [...rest, path] : rest, null, 2)}\n`);
  return path;
}

/** Temp file in the same folder, fsync, rename: the list is never torn. */
function writeFileAtomicSync(target: string, text: string): void {
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, target);
  } finally {
    rmSync(temp, { force: true });
  }
}
