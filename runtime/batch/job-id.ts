/**
 * Job ids of a batch: a hash of the spell's version and the row, so the same row of the same spell
 * is the same job on every run and every machine. Re-running a batch skips what is done; editing
 * the spell (or bumping its version) makes every row new again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readSpellFiles } from '../spells/bundle/spell-files';
import { canonicalJson } from '../workflows/cache/canonical-json';

/** What names one version of a spell or workflow. */
export interface VersionSource {
  name: string;
  /** The manifest's version, when there is one. */
  version?: string;
  /** A spell folder (every file counts) ... */
  dir?: string;
  /** ... or a single file. */
  file?: string;
}

/** A short hash of the spell's name, declared version and every file's bytes. */
export function versionKey(source: VersionSource): string {
  const hash = createHash('sha256').update(`${source.name}\0${source.version ?? ''}\0`);
  if (source.dir) {
    for (const [name, data] of [...readSpellFiles(source.dir)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      hash.update(`${name}\0${data.length}\0`).update(data);
    }
  } else if (source.file) hash.update(readFileSync(source.file));
  return hash.digest('hex').slice(0, 24);
}

/**
 * The job id of a row: its parameters (or, for a row that cannot run, its raw fields) hashed with the
 * version. `occurrence` tells identical rows apart (the second copy is a job of its own).
 */
export function rowJobId(version: string, row: unknown, occurrence: number): string {
  const text = canonicalJson(row) ?? JSON.stringify(String(row));
  const hash = createHash('sha256').update(`${version}\0${text}\0${occurrence}`).digest('hex').slice(0, 32);
  return `row-${hash}`;
}
