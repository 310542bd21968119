/**
 * The storage jail: every file a spell reads or writes lives under `$LLMSPELL_HOME/storage`.
 * Paths are checked as text first (storage-path.ts), then on disk: each folder on the way is
 * resolved with realpath and must stay inside the jail, and the leaf is examined with lstat so a
 * symbolic link cannot lead outside. Writes are atomic (atomic-write.ts); reads and writes are capped.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, readlink, realpath, unlink } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { overLimit } from './byte-size';
import { compileGlob } from './storage-glob';
import { MAX_PATH_DEPTH, checkExtension, normalizeExtensions, pathSegments, shownPath } from './storage-path';

/** Limits of the storage bridge (the `storage` section of the configuration). */
export interface StorageLimits {
  /** Largest file a spell may read or write, in bytes. */
  max_bytes: number;
  /** Allowed file extensions like `.txt`, compared case-insensitively. */
  extensions: readonly string[];
}

/** Most files `list` returns. */
export const MAX_LIST_ENTRIES = 10_000;

/** Where a checked path leads: the leaf inside a real parent folder, and what is there. */
interface Located {
  /** The file's name inside its real parent folder (a link itself, when the leaf is one). */
  leaf: string;
  /** The file to read: the leaf, or the target of a leaf link that stays inside. */
  target: string;
  /** What is at `target`; undefined when nothing is. */
  stat?: Stats;
}

const missing = async <T>(p: Promise<T>): Promise<T | undefined> =>
  p.catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });

/** A folder that spells may use through relative paths only. See the module comment. */
export class StorageJail {
  private readonly extensions: string[];
  private rootReal: Promise<string> | undefined;

  /** `root` is created (mode 0700) on first use. */
  constructor(readonly root: string, readonly limits: StorageLimits) {
    this.extensions = normalizeExtensions(limits.extensions);
  }

  /** The file's text. Throws when it is missing, too large, or the path is refused. */
  async read(path: string): Promise<string> {
    const at = await this.locate(path, false);
    const stat = at?.stat;
    this.expectFile(path, stat);
    if (stat.size > this.limits.max_bytes) throw new Error(`storage: '${shownPath(path)}' is ${overLimit(stat.size, this.limits.max_bytes)}`);
    // O_NOFOLLOW: a link swapped in after the check above is refused rather than followed
    const handle = await open(at!.target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const { bytesRead, buffer } = await handle.read({ buffer: Buffer.alloc(64 * 1024) });
        if (bytesRead === 0) break;
        total += bytesRead;
        // the file may have grown since lstat: the cap holds on the bytes actually read
        if (total > this.limits.max_bytes) throw new Error(`storage: '${shownPath(path)}' is ${overLimit(total, this.limits.max_bytes)}`);
        chunks.push(buffer.subarray(0, bytesRead));
      }
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      await handle.close();
    }
  }

  /** Replaces (or creates) the file atomically, creating folders on the way. */
  async write(path: string, content: string): Promise<void> {
    const bytes = Buffer.from(content, 'utf8');
    // checked before touching the disk: an oversized write leaves no trace
    if (bytes.length > this.limits.max_bytes) throw new Error(`storage: '${shownPath(path)}' is ${overLimit(bytes.length, this.limits.max_bytes)}`);
    const at = await this.locate(path, true);
    if (at?.stat?.isDirectory()) throw new Error(`storage: '${shownPath(path)}' is a folder, not a file`);
    await writeFileAtomic(at!.leaf, bytes);
  }

  /** The file's size in bytes; 0 when there is none (refused paths still throw). */
  async size(path: string): Promise<number> {
    const stat = (await this.locate(path, false))?.stat;
    return stat?.isFile() ? stat.size : 0;
  }

  /** Whether a file exists at the path (refused paths still throw). */
  async exists(path: string): Promise<boolean> {
    return (await this.locate(path, false))?.stat?.isFile() ?? false;
  }

  /** Deletes the file; false when there was none. */
  async delete(path: string): Promise<boolean> {
    const at = await this.locate(path, false);
    if (!at?.stat) return false;
    if (at.stat.isDirectory()) throw new Error(`storage: '${shownPath(path)}' is a folder, not a file`);
    await unlink(at.leaf); // unlink removes a link itself, never its target
    return true;
  }

  /** Relative paths (with '/') of the files matching `pattern` (all when omitted), sorted. */
  async list(pattern?: string): Promise<string[]> {
    const matches = compileGlob(pattern ?? '**');
    const found: string[] = [];
    const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        // dotfiles (temporary files of interrupted writes) and links are never listed or followed
        if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
        const rel = prefix + entry.name;
        if (entry.isDirectory() && depth < MAX_PATH_DEPTH) await walk(join(dir, entry.name), `${rel}/`, depth + 1);
        else if (entry.isFile() && this.allowed(entry.name) && matches(rel)) {
          if (found.length >= MAX_LIST_ENTRIES) throw new Error(`storage: more than ${MAX_LIST_ENTRIES} files match; narrow the pattern`);
          found.push(rel);
        }
      }
    };
    await walk(await this.realRoot(), '', 1);
    return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  private allowed(name: string): boolean {
    const dot = name.lastIndexOf('.');
    return dot > 0 && this.extensions.includes(name.slice(dot).toLowerCase());
  }

  private expectFile(path: string, stat: Stats | undefined): asserts stat is Stats {
    if (!stat) throw new Error(`storage: '${shownPath(path)}' does not exist`);
    if (stat.isDirectory()) throw new Error(`storage: '${shownPath(path)}' is a folder, not a file`);
    // FIFOs, sockets, devices: reading one could block forever or leak a device
    if (!stat.isFile()) throw new Error(`storage: '${shownPath(path)}' is not a regular file`);
  }

  private realRoot(): Promise<string> {
    this.rootReal ??= (async () => {
      await mkdir(this.root, { recursive: true, mode: 0o700 }); // private to the user
      return realpath(this.root);
    })().catch((err: unknown) => {
      this.rootReal = undefined;
      throw err;
    });
    return this.rootReal;
  }

  /**
   * Checks `path` and walks it folder by folder; undefined when a folder on the way is missing and
   * `create` is false. Throws when the path is refused or leads outside through a link.
   */
  private async locate(path: string, create: boolean): Promise<Located | undefined> {
    const segments = pathSegments(path);
    const name = segments[segments.length - 1] ?? '';
    checkExtension(path, name, this.extensions);
    const root = await this.realRoot();
    const inside = (p: string) => p === root || p.startsWith(root + sep);
    const leaves = () => new Error(`storage: path '${shownPath(path)}' leaves the storage folder (through a symbolic link)`);
    let dir = root;
    for (const [i, seg] of segments.slice(0, -1).entries()) {
      const next = join(dir, seg);
      const stat = await missing(lstat(next));
      if (!stat) {
        if (!create) return undefined;
        // safe: `dir` is a real folder inside the jail, so the new folder is too
        await mkdir(next).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
      } else if (stat.isSymbolicLink()) {
        // a link to a folder is followed only when its real target stays inside
        const real = await missing(realpath(next));
        if (!real || !inside(real)) throw leaves();
        if (!(await lstat(real)).isDirectory()) throw new Error(`storage: '${shownPath(path)}': '${segments.slice(0, i + 1).join('/')}' is a file, not a folder`);
        dir = real;
        continue;
      } else if (!stat.isDirectory()) {
        throw new Error(`storage: '${shownPath(path)}': '${segments.slice(0, i + 1).join('/')}' is a file, not a folder`);
      }
      dir = next;
    }
    // belt and braces: the real parent must be inside, whatever happened on the way
    const parent = await realpath(dir);
    if (!inside(parent)) throw leaves();
    const leaf = join(parent, name);
    const stat = await missing(lstat(leaf));
    if (!stat?.isSymbolicLink()) return { leaf, target: leaf, stat };
    // a link leaf: its target (real, or literal when dangling) must be inside the jail
    const real = (await missing(realpath(leaf))) ?? resolve(parent, await readlink(leaf));
    if (!inside(real)) throw leaves();
    return { leaf, target: real, stat: await missing(lstat(real)) };
  }
}
