/**
 * Node results on disk, keyed by a content hash of what the node read: its type, config, input
 * values and the names in its scope. Results of one workflow file live together in one pack,
 * `$LLMSPELL_HOME/cache/workflows/<hash of the file's path>.json`, and survive restarts.
 *
 * A pack is written whole to a temporary file and renamed into place, so a reader (or a crash) never
 * sees half of one. Writes happen a second after new results arrive and on `flush()`, off the run's
 * critical path: one write per file, not one per node. Before writing, the pack is read again and
 * merged, so runs of the same file at once mostly keep each other's results (it is a cache: losing
 * an entry costs a re-run, never a wrong answer).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { readPack, writePack, type PackEntry } from './pack-file';

/** Bumped when the entry format or key recipe changes: old entries simply stop matching. */
const FORMAT = 1;
/** Newest entries kept per workflow file. */
const MAX_ENTRIES = 5000;
/** How long new results wait before they are written (more may follow). */
const WRITE_DELAY_MS = 1000;

/** What the key is computed from. */
export interface CacheKeyParts {
  /** Absolute path of the workflow file and the node's path in it. */
  workflow: string;
  node: string;
  type: string;
  config: unknown;
  inputs: unknown;
  scope: unknown;
}

/** A cached node result. */
export interface CachedResult {
  output: Record<string, unknown>;
  /** How long the node took when it really ran. */
  durationMs: number;
}

interface Pack {
  entries: Map<string, PackEntry>;
  /** Keys added since the last write began. */
  fresh: Set<string>;
  /** The write in progress, so writes of one pack never overlap. */
  writing: Promise<void>;
}

/** The disk cache of node results. */
export class NodeCache {
  private readonly packs = new Map<string, Promise<Pack>>();
  private timer: NodeJS.Timeout | undefined;

  /** `dir` is usually `<home>/cache/workflows`. */
  constructor(readonly dir: string) {}

  /** The content hash of a node's config, inputs and scope; undefined when they are not JSON. */
  static key(parts: CacheKeyParts): string | undefined {
    const text = canonicalJson({ format: FORMAT, ...parts });
    return text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
  }

  /** The entry for `key` among the results of workflow file `file`, or undefined. */
  async get(file: string, key: string): Promise<CachedResult | undefined> {
    const entry = (await this.pack(file)).entries.get(key);
    return entry && { output: entry.output, durationMs: entry.durationMs };
  }

  /** Stores a result; it reaches the disk shortly, or at `flush()`. */
  put(file: string, key: string, result: CachedResult): void {
    void this.pack(file).then((pack) => {
      pack.entries.set(key, { ...result, at: Date.now() });
      pack.fresh.add(key);
      this.timer ??= setTimeout(() => void this.flush(), WRITE_DELAY_MS).unref();
    });
  }

  /** Writes every pack with new results; resolves once they are on disk (failures are a cache miss later, not an error). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const packs = await Promise.all([...this.packs.entries()].map(async ([file, pack]) => [file, await pack] as const));
    await Promise.all(packs.map(([file, pack]) => (pack.writing = pack.writing.then(() => this.write(file, pack)))));
  }

  private pack(file: string): Promise<Pack> {
    let pack = this.packs.get(file);
    if (!pack) {
      pack = readPack(this.packPath(file), FORMAT).then((entries) => ({ entries, fresh: new Set<string>(), writing: Promise.resolve() }));
      this.packs.set(file, pack);
    }
    return pack;
  }

  private packPath(file: string): string {
    return `${this.dir}/${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`;
  }

  private async write(file: string, pack: Pack): Promise<void> {
    if (pack.fresh.size === 0) return;
    pack.fresh.clear();
    try {
      // Merge with what other runs wrote meanwhile (ours win), then keep the newest MAX_ENTRIES.
      for (const [key, entry] of await readPack(this.packPath(file), FORMAT)) if (!pack.entries.has(key)) pack.entries.set(key, entry);
      if (pack.entries.size > MAX_ENTRIES) {
        const oldest = [...pack.entries].sort((a, b) => a[1].at - b[1].at).slice(0, pack.entries.size - MAX_ENTRIES);
        for (const [key] of oldest) pack.entries.delete(key);
      }
      await writePack(this.packPath(file), FORMAT, file, pack.entries);
    } catch {
      // A cache that cannot be written (read-only home, disk full) only means re-running later.
    }
  }
}
