/**
 * Node results on disk, keyed by a content hash of what the node read: its type, config, input
 * values and the names in its scope. Lives in `$LLMSPELL_HOME/cache/workflows/<ab>/<hash>.json` and
 * survives restarts. Each entry is written to a temporary file and renamed into place, so a reader
 * (or a crash) never sees half an entry; writes run in the background and `flush()` awaits them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from './canonical-json';

/** Bumped when the entry format or key recipe changes: old entries simply stop matching. */
const FORMAT = 1;

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

/** The disk cache of node results. */
export class NodeCache {
  private readonly pending = new Set<Promise<void>>();
  private readonly madeDirs = new Set<string>();

  /** `dir` is usually `<home>/cache/workflows`. */
  constructor(readonly dir: string) {}

  /** The content hash of a node's config, inputs and scope; undefined when they are not JSON. */
  static key(parts: CacheKeyParts): string | undefined {
    const text = canonicalJson({ format: FORMAT, ...parts });
    return text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
  }

  /** The entry for `key`, or undefined (missing, unreadable or not an entry of ours). */
  async get(key: string): Promise<CachedResult | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown; output?: unknown; durationMs?: unknown };
      if (entry.key !== key || typeof entry.output !== 'object' || entry.output === null || Array.isArray(entry.output)) return undefined;
      return { output: entry.output as Record<string, unknown>, durationMs: typeof entry.durationMs === 'number' ? entry.durationMs : 0 };
    } catch {
      return undefined; // a foreign or damaged file is a miss, never an error
    }
  }

  /** Stores a result in the background; `flush()` waits for it. Failures are reported to `onError`. */
  put(key: string, result: CachedResult, onError?: (error: Error) => void): void {
    const write = this.write(key, result).catch((error: unknown) => onError?.(error as Error));
    const tracked = write.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once every write started so far has finished. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  private async write(key: string, result: CachedResult): Promise<void> {
    const dir = join(this.dir, key.slice(0, 2));
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      this.madeDirs.add(dir);
    }
    const text = JSON.stringify({ key, output: result.output, durationMs: result.durationMs, at: new Date().toISOString() });
    // Same folder as the target, so rename() replaces it in one step; 'wx' never follows a planted file.
    const temp = join(dir, `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temp, text, { flag: 'wx', mode: 0o600 });
      await rename(temp, this.path(key));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
