import { list, type ReadEntry } from 'tar';
import { BUNDLE_LIMITS, unsafePathReason } from './spell-files';

/** A bundle that cannot be installed: unreadable, unsafe, tampered with or untrusted. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** Thrown inside tar's entry callback to stop reading at the first problem. */
class StopReading extends Error {}

/**
 * Reads a `.spell` archive into memory without writing anything: only regular files (and directory
 * entries, ignored) are accepted. A symlink, hard link, device, absolute or `..` path, duplicate path
 * or an archive over the size limits refuses the whole bundle, so nothing of it is ever extracted.
 * Reading stops at the first problem: a hostile archive of 400,000 duplicate entries costs no more
 * than its first two (it took 27 s and 0.6 GB, printing every one).
 */
export function readBundle(file: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let problem: string | undefined;
  let total = 0;
  let entries = 0;
  const stop = (reason: string): never => {
    problem = reason;
    throw new StopReading(reason);
  };
  const onReadEntry = (entry: ReadEntry) => {
    const where = JSON.stringify(entry.path);
    // directory entries count too: an archive of nothing but folders is as costly to walk
    if (++entries > BUNDLE_LIMITS.files * 4) stop(`more than ${BUNDLE_LIMITS.files * 4} entries`);
    const reason = unsafePathReason(entry.path);
    if (entry.type === 'Directory' && !reason) return;
    if (entry.type !== 'File' && entry.type !== 'OldFile') stop(`${where} is a ${entry.type} entry; only plain files are allowed`);
    if (reason) stop(`${where} has ${reason}`);
    if (files.has(normal(entry.path))) stop(`${where} appears twice`);
    if ((entry.size ?? 0) > BUNDLE_LIMITS.fileBytes) stop(`${where} is larger than 16 MiB`);
    if (files.size >= BUNDLE_LIMITS.files) stop(`more than ${BUNDLE_LIMITS.files} files`);
    if ((total += entry.size ?? 0) > BUNDLE_LIMITS.totalBytes) stop('more than 64 MiB of files');
    const chunks: Buffer[] = [];
    files.set(normal(entry.path), Buffer.alloc(0)); // claimed now: a duplicate is seen before its data ends
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => files.set(normal(entry.path), Buffer.concat(chunks)));
  };
  try {
    // small reads: the archive is inflated a piece at a time, so stopping early also bounds memory
    list({ file, sync: true, strict: true, maxReadSize: 64 * 1024, onReadEntry });
  } catch (error) {
    if (!(error instanceof StopReading) && problem === undefined) {
      throw new BundleError(`${file} is not a readable .spell bundle: ${(error as Error).message}`);
    }
  }
  if (problem !== undefined) throw new BundleError(`refusing ${file}, it is unsafe: ${problem}`);
  return files;
}

function normal(entryPath: string): string {
  return entryPath.replace(/^\.\//, '');
}
