/**
 * How a worker finds the spell a job names: a shipped bundle (fetched from Redis, its digest and
 * signature verified against `$LLMSPELL_HOME/trusted-keys`, unpacked into a cache folder), or the
 * worker's own library. Either way the spell's version key must equal the job's: a worker never
 * runs a row with a different spell than the one its job id was made for.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { readBundle } from '../../spells/bundle/read-bundle';
import { verifyBundle } from '../../spells/bundle/verify-bundle';
import type { SpellLibrary } from '../../spells/library/spell-library';
import { locateSpell } from '../../spells/prepare-run';
import { resolveSpell } from '../../spells/resolve-spell';
import { spellTarget, type BatchTarget } from '../batch-target';
import type { BatchJobData } from './job-data';
import { bundleKey } from './job-data';

/** A job that can never succeed on this worker (bad bundle, unknown spell): not worth a retry. */
export class SpellRefusal extends Error {
  override name = 'SpellRefusal';
}

export interface WorkerSpellOptions {
  client: Redis;
  home: string;
  cwd: string;
  library: () => SpellLibrary;
  /** Run shipped bundles that carry no signature (digest-checked only). */
  allowUnsigned: boolean;
}

export class WorkerSpells {
  private readonly cache = new Map<string, Promise<BatchTarget>>();

  constructor(private readonly options: WorkerSpellOptions) {}

  /** The spell of a job, resolved once per version. */
  resolve(ref: BatchJobData['spell']): Promise<BatchTarget> {
    const key = `${ref.version}:${ref.bundle ?? ''}`;
    let found = this.cache.get(key);
    if (!found) {
      found = ref.bundle ? this.fromBundle(ref) : Promise.resolve().then(() => this.fromLibrary(ref));
      // A failure is not cached: the spell may be installed (or a key trusted) before the next job.
      found.catch(() => this.cache.delete(key));
      this.cache.set(key, found);
    }
    return found;
  }

  private fromLibrary(ref: BatchJobData['spell']): BatchTarget {
    let target: BatchTarget;
    try {
      target = spellTarget(resolveSpell(locateSpell(ref.name, this.options.cwd, this.options.library), this.options.cwd));
    } catch (error) {
      throw new SpellRefusal(`this worker cannot run ${ref.name}: ${(error as Error).message}`);
    }
    if (target.version !== ref.version) {
      throw new SpellRefusal(`this worker's ${ref.name} is not the version the batch was made with (its files differ); install the same version here, or ship it with llmspell batch --ship`);
    }
    return target;
  }

  private async fromBundle(ref: BatchJobData['spell'] & { bundle?: string }): Promise<BatchTarget> {
    const sha = ref.bundle!;
    const dir = path.join(this.options.home, 'cache', 'batch-spells', sha);
    if (!existsSync(dir)) {
      const bytes = await this.options.client.getBuffer(bundleKey(sha));
      if (!bytes) throw new SpellRefusal(`the bundle of ${ref.name} is no longer in the queue (expired); run the batch again`);
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bundle-'));
      let files: Map<string, Buffer>;
      try {
        writeFileSync(path.join(scratch, 'spell.spell'), bytes);
        const verified = verifyBundle(readBundle(path.join(scratch, 'spell.spell')), path.join(this.options.home, 'trusted-keys'));
        if (!verified.signedBy && !this.options.allowUnsigned) {
          throw new SpellRefusal(`the bundle of ${ref.name} is not signed; this worker runs only bundles signed by a key in ${path.join(this.options.home, 'trusted-keys')} (or start it with --allow-unsigned)`);
        }
        files = verified.files;
      } catch (error) {
        throw error instanceof SpellRefusal ? error : new SpellRefusal(`refusing the bundle of ${ref.name}: ${(error as Error).message}`);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      unpack(files, dir);
    }
    const target = spellTarget(resolveSpell(dir, this.options.cwd));
    if (target.version !== ref.version) throw new SpellRefusal(`the bundle of ${ref.name} does not hold the version the batch was made with`);
    return target;
  }
}

/** Writes verified files into a fresh folder, then renames it into place (paths were checked by readBundle). */
function unpack(files: Map<string, Buffer>, dir: string): void {
  mkdirSync(path.dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.staging-`);
  try {
    for (const [name, data] of files) {
      const dest = path.join(staging, name);
      if (!dest.startsWith(staging + path.sep)) throw new SpellRefusal(`refusing to write outside the spell folder: ${name}`);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, data, { flag: 'wx' });
    }
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another job of this worker unpacked the same bundle first: theirs is identical.
      if (!existsSync(dir)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
