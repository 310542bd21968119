import { list, type ReadEntry } from 'tar';
import { BUNDLE_LIMITS, unsafePathReason } from './spell-files';

/** A bundle that cannot be installed: unreadable, unsafe, tampered with or untrusted. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/**
 * Reads a `.spell` archive into memory without writing anything: only regular files (and directory
 * entries, ignored) are accepted. A symlink, hard link, device, absolute or `..` path, duplicate path
 * or an archive over the size limits refuses the whole bundle, so nothing of it is ever extracted.
 */
export function readBundle(file: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const problems: string[] = [];
  let total = 0;
  const onReadEntry = (entry: ReadEntry) => {
    const where = JSON.stringify(entry.path);
    const reason = unsafePathReason(entry.path);
    if (entry.type === 'Directory' && !reason) return;
    if (entry.type !== 'File' && entry.type !== 'OldFile') problems.push(`${where} is a ${entry.type} entry; only plain files are allowed`);
    else if (reason) problems.push(`${where} has ${reason}`);
    else if (files.has(normal(entry.path))) problems.push(`${where} appears twice`);
    else if ((entry.size ?? 0) > BUNDLE_LIMITS.fileBytes) problems.push(`${where} is larger than 16 MiB`);
    else if (files.size >= BUNDLE_LIMITS.files) problems.push(`more than ${BUNDLE_LIMITS.files} files`);
    else if ((total += entry.size ?? 0) > BUNDLE_LIMITS.totalBytes) problems.push('more than 64 MiB of files');
    else {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => files.set(normal(entry.path), Buffer.concat(chunks)));
    }
  };
  try {
    list({ file, sync: true, strict: true, onReadEntry });
  } catch (error) {
    throw new BundleError(`${file} is not a readable .spell bundle: ${(error as Error).message}`);
  }
  if (problems.length) throw new BundleError(`refusing ${file}, it is unsafe:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return files;
}

function normal(entryPath: string): string {
  return entryPath.replace(/^\.\//, '');
}
