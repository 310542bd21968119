/**
 * One run's storage: its own namespace (a jail of its own), the shared areas its manifest grants
 * (`@area/file.txt`), and a total quota per namespace. Namespaces live under `$LLMSPELL_HOME/storage`:
 *
 *   spells/<name>/          a spell with a manifest, by its name
 *   files/<base>-<hash>/    a bare .lua/.js file or folder without a manifest, or a workflow file, by its path
 *   shared/<area>/          an area every spell granted `storage: { shared: [area] }` sees
 *
 * Files from before namespaces (directly under storage/) are moved into the shared area `legacy` on
 * first use, never deleted: a spell that needs them declares `storage: { shared: [legacy] }`.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, rename } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { StorageJail, type StorageLimits } from './storage-jail';
import { scrubHostPaths } from './scrub-paths';
import { shownPath } from './storage-path';

/** Whose storage a run uses. */
export type StorageOwner = { name: string } | { file: string };

/** The storage settings with the total each namespace may hold. */
export interface StorageSettings extends StorageLimits {
  /** Most bytes one namespace (own folder or shared area) may hold in total. */
  quota_bytes?: number;
}

/** The folders under storage/ that are the new layout; anything else there is a legacy file. */
const LAYOUT = new Set(['spells', 'files', 'shared']);
/** The shared area legacy files move to. */
export const LEGACY_AREA = 'legacy';

/** The namespace folder (relative to storage/) of an owner. */
export function namespaceOf(owner: StorageOwner): string {
  if ('name' in owner) return join('spells', owner.name);
  const base = basename(owner.file, extname(owner.file)).replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'spell';
  // the path's hash keeps two files called main.lua apart
  return join('files', `${base}-${createHash('sha256').update(owner.file).digest('hex').slice(0, 12)}`);
}

/** Moves legacy entries of storage/ into shared/legacy; returns how many were moved. */
export async function migrateLegacyStorage(root: string): Promise<number> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return 0; // no storage yet
  }
  const legacy = entries.filter((name) => !LAYOUT.has(name) && !name.startsWith('.'));
  if (legacy.length === 0) return 0;
  const target = join(root, 'shared', LEGACY_AREA);
  await mkdir(target, { recursive: true, mode: 0o700 });
  let moved = 0;
  for (const name of legacy) {
    try {
      // rename within one folder tree: atomic, nothing copied, nothing lost; an existing name is kept
      if (await lstat(join(target, name)).then(() => true, () => false)) continue;
      await rename(join(root, name), join(target, name));
      moved += 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // another process moved it first
    }
  }
  return moved;
}

/** A quota-checked jail: writes past the namespace's total are refused. */
class QuotaJail extends StorageJail {
  private used: Promise<number> | undefined;

  constructor(root: string, limits: StorageSettings, private readonly label: string) {
    super(root, limits);
  }

  override async write(path: string, content: string): Promise<void> {
    const quota = (this.limits as StorageSettings).quota_bytes;
    if (quota === undefined) return super.write(path, content);
    const size = Buffer.byteLength(content, 'utf8');
    const before = await this.sizeOf(path);
    const used = await this.usage();
    if (used - before + size > quota) {
      throw new Error(`storage: writing '${shownPath(path)}' would take ${this.label} to ${used - before + size} bytes, over its quota of ${quota} bytes (storage.quota_bytes)`);
    }
    await super.write(path, content);
    this.used = Promise.resolve(used - before + size);
  }

  override async delete(path: string): Promise<boolean> {
    const before = await this.sizeOf(path);
    const deleted = await super.delete(path);
    if (deleted && this.used) this.used = this.used.then((u) => Math.max(0, u - before));
    return deleted;
  }

  private sizeOf(path: string): Promise<number> {
    return this.size(path);
  }

  /** Bytes held now, measured once per run, then kept up to date by this run's writes. */
  private usage(): Promise<number> {
    this.used ??= this.list().then(async (files) => {
      let total = 0;
      for (const file of files) total += await this.sizeOf(file);
      return total;
    });
    return this.used;
  }
}

/** The storage a run's bridges and tools use; see the module comment. */
export class SpellStorage {
  private readonly own: QuotaJail;
  private readonly areas = new Map<string, QuotaJail>();
  private migrated: Promise<void> | undefined;

  constructor(
    /** `$LLMSPELL_HOME/storage`. */
    readonly root: string,
    settings: StorageSettings,
    owner: StorageOwner,
    shared: readonly string[] = [],
    private readonly notice: (text: string) => void = () => {},
  ) {
    this.own = new QuotaJail(join(root, namespaceOf(owner)), settings, 'its storage');
    for (const area of shared) this.areas.set(area, new QuotaJail(join(root, 'shared', area), settings, `the shared area '${area}'`));
  }

  async read(path: string): Promise<string> {
    const [jail, rest] = await this.route(path);
    return this.scrubbed(jail.read(rest));
  }

  async write(path: string, content: string): Promise<void> {
    const [jail, rest] = await this.route(path);
    return this.scrubbed(jail.write(rest, content));
  }

  async exists(path: string): Promise<boolean> {
    const [jail, rest] = await this.route(path);
    return this.scrubbed(jail.exists(rest));
  }

  async delete(path: string): Promise<boolean> {
    const [jail, rest] = await this.route(path);
    return this.scrubbed(jail.delete(rest));
  }

  /** File-system errors name host paths: the spell sees `storage/...` instead (tools reach here too). */
  private async scrubbed<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const roots: [string, string][] = [
        ...[...this.areas].map(([area, jail]): [string, string] => [jail.root, `storage/@${area}`]),
        [this.own.root, 'storage'],
        [this.root, 'storage'],
      ];
      const scrubbed = new Error(scrubHostPaths(error.message, roots));
      throw Object.assign(scrubbed, { code: (error as NodeJS.ErrnoException).code });
    }
  }

  /** Own files matching `pattern`; `@area/<pattern>` lists a shared area (paths come back with `@area/`). */
  async list(pattern?: string): Promise<string[]> {
    if (pattern?.startsWith('@')) {
      const [jail, rest, area] = await this.route(pattern);
      return (await this.scrubbed(jail.list(rest || '**'))).map((p) => `@${area}/${p}`);
    }
    await this.migrate();
    return this.scrubbed(this.own.list(pattern));
  }

  /** The jail a path belongs to, and the path inside it. */
  private async route(path: string): Promise<[QuotaJail, string, string?]> {
    await this.migrate();
    if (!path.startsWith('@')) return [this.own, path];
    const slash = path.indexOf('/');
    const area = path.slice(1, slash < 0 ? undefined : slash);
    const jail = this.areas.get(area);
    if (!jail) {
      throw new Error(`storage: '${shownPath(path)}' is in the shared area '${area}', which this spell is not granted (add to spell.yaml: permissions: { storage: { shared: [${area}] } })`);
    }
    return [jail, slash < 0 ? '' : path.slice(slash + 1), area];
  }

  private migrate(): Promise<void> {
    this.migrated ??= migrateLegacyStorage(this.root).then((moved) => {
      if (moved > 0) {
        this.notice(
          `storage: each spell has its own storage folder now; ${moved} older entr${moved === 1 ? 'y was' : 'ies were'} moved to the shared area '${LEGACY_AREA}' (read them with permissions: { storage: { shared: [${LEGACY_AREA}] } } and paths like '@${LEGACY_AREA}/notes.txt')`,
        );
      }
    });
    return this.migrated;
  }
}
