/**
 * Crash-safe file replacement: the new content goes to a temporary file in the same folder, is
 * flushed to disk, then renamed over the target, and the folder entry is flushed too. A process killed
 * at any point leaves the target with either its old or its new content, never a torn mix.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Prefix of temporary files; a leading dot keeps them out of storage listings. */
export const TEMP_PREFIX = '.llmspell-write-';

/** Writes `data` to `target` atomically (see the module comment). `target`'s folder must exist. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(target);
  // same folder: rename() is atomic only within one file system
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.tmp`);
  // 'wx' = O_CREAT|O_EXCL: never reuses an existing file and never follows a planted symlink
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync(); // the bytes are on disk before the name points at them
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(dir);
}

/** Flushes a folder's entries (the rename) to disk; a no-op where folders cannot be opened (Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close();
  }
}
