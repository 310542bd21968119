import { chmod, cp, lstat, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../security/atomic-write';

/**
 * Replaces a file atomically (temp + fsync + rename, see writeFileAtomic), keeping the permissions
 * it had (a new file gets 0644): a crash leaves the old or the new content, never a torn file.
 */
export async function replaceFile(target: string, content: string): Promise<void> {
  const before = await stat(target).catch(() => undefined);
  await writeFileAtomic(target, content);
  await chmod(target, before ? before.mode & 0o777 : 0o644);
}

/** Moves a file or folder; across file systems (EXDEV) it copies, then removes the source. */
export async function movePath(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // Copy first, remove after: an interruption leaves two copies, never none.
    await cp(from, to, { recursive: true, errorOnExist: true, force: false, verbatimSymlinks: true });
    await rm(from, { recursive: true, force: true });
  }
}

/** True when something (even a dangling link) exists at `file`. */
export async function pathExists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined)) !== undefined;
}

/** `dir/base`, or `dir/base-2` ... (before any extension) when that is taken. */
export async function freePath(dir: string, base: string, ext = ''): Promise<string> {
  let candidate = path.join(dir, `${base}${ext}`);
  for (let n = 2; await pathExists(candidate); n++) candidate = path.join(dir, `${base}-${n}${ext}`);
  return candidate;
}

/**
 * Sets the `name:` of a spell folder's spell.yaml, keeping the rest of the file as written (comments,
 * order). Names are kebab-case, so they need no YAML quoting. A folder without spell.yaml is left alone.
 */
export async function setManifestName(dir: string, name: string): Promise<void> {
  const file = path.join(dir, 'spell.yaml');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const next = /^name:.*$/m.test(text) ? text.replace(/^name:.*$/m, `name: ${name}`) : `name: ${name}\n${text}`;
  if (next !== text) await replaceFile(file, next);
}
