import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Limits on what a bundle may hold, for packing and (stricter than any real spell needs) installing. */
export const BUNDLE_LIMITS = { files: 2000, fileBytes: 16 * 2 ** 20, totalBytes: 64 * 2 ** 20 } as const;

/**
 * The files of a spell folder that go into its bundle, by relative path with forward slashes:
 * everything except hidden entries (`.git`, `.env`, ...), `node_modules` and `.spell` bundles.
 * A symbolic link or special file is refused: a bundle holds plain files only.
 */
export function readSpellFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const walk = (relative: string) => {
    for (const name of readdirSync(path.join(dir, relative)).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || name.endsWith('.spell')) continue;
      const rel = relative ? `${relative}/${name}` : name;
      const full = path.join(dir, rel);
      const info = lstatSync(full);
      if (info.isDirectory()) walk(rel);
      else if (info.isFile()) {
        total += info.size;
        if (info.size > BUNDLE_LIMITS.fileBytes || total > BUNDLE_LIMITS.totalBytes || files.size >= BUNDLE_LIMITS.files) {
          throw new Error(`the spell folder is too large to bundle (limits: ${BUNDLE_LIMITS.files} files, 16 MiB a file, 64 MiB in all)`);
        }
        files.set(rel, readFileSync(full));
      } else throw new Error(`${rel} is a ${info.isSymbolicLink() ? 'symbolic link' : 'special file'}; a bundle holds plain files only`);
    }
  };
  walk('');
  return files;
}

/**
 * Checks a path from an archive: relative, forward slashes, no `.`/`..`/empty segments, no drive
 * letters or NUL. Returns the reason it is unsafe, or undefined when it is fine.
 */
export function unsafePathReason(entryPath: string): string | undefined {
  const p = entryPath.replace(/^\.\//, '').replace(/\/$/, '');
  if (p === '') return 'an empty path';
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return 'an absolute path';
  if (p.includes('\\')) return 'a backslash in the path';
  if (p.includes('\0')) return 'a NUL byte in the path';
  if (p.split('/').some((segment) => segment === '..')) return 'a ".." segment (path traversal)';
  if (p.split('/').some((segment) => segment === '' || segment === '.')) return 'an empty or "." segment';
  if (p.length > 255) return 'a path longer than 255 characters';
  return undefined;
}
