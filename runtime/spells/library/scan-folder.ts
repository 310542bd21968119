import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { SpellIndexEntry } from '../../contract/spell-library';
import { readEntry, type Candidate } from './read-entry';

/** An indexed spell with what decides whether to re-read it, and its lower-cased search text. */
export interface IndexedSpell {
  /** Changes when the manifest (mtime, size, inode) or, without one, the folder's listing changes. */
  signature: string;
  entry: SpellIndexEntry;
  /** name, description and tags, lower-cased, for search. */
  haystack: string;
}

/** A candidate and its signature; `fd` is the open manifest, for the caller to read or close. */
type Probe = { candidate: Candidate; signature: string; fd?: number };

/**
 * Lists one library folder: every sub-folder with `spell.yaml`, `main.lua` or `main.js`, and every
 * top-level `.lua` file. Spells whose signature did not change are taken from `previous`; the
 * rest are read again. Hidden entries and `node_modules` are skipped; a missing folder is empty.
 */
export function scanFolder(folder: string, previous: ReadonlyMap<string, IndexedSpell>): IndexedSpell[] {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: IndexedSpell[] = [];
  for (const dirent of dirents) {
    if (dirent.name.startsWith('.') || dirent.name === 'node_modules') continue;
    const full = path.join(folder, dirent.name);
    // Symlinked spells are followed one level (a developer linking a spell in); nothing deeper is walked.
    const kind = dirent.isSymbolicLink() ? kindOf(stat(full)) : dirent.isDirectory() ? 'dir' : dirent.isFile() ? 'file' : undefined;
    const probe = kind === 'dir' ? probeFolder(full) : kind === 'file' ? probeFile(full) : undefined;
    if (!probe) continue;
    try {
      const cached = previous.get(full);
      if (cached && cached.signature === probe.signature) {
        found.push(cached);
        continue;
      }
      const entry = readEntry(probe.candidate, folder, probe.fd === undefined ? undefined : readFileSync(probe.fd, 'utf8'));
      found.push({ signature: probe.signature, entry, haystack: `${entry.name}\n${entry.description}\n${entry.tags.join(' ')}`.toLowerCase() });
    } finally {
      if (probe.fd !== undefined) closeSync(probe.fd);
    }
  }
  return found.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
}

function probeFolder(dir: string): Probe | undefined {
  // One open serves both the signature (fstat) and the text: at 10,000 spells a separate stat shows.
  const fd = openFile(path.join(dir, 'spell.yaml'));
  if (fd !== undefined) {
    const info = fstatSync(fd);
    if (info.isFile()) return { candidate: { kind: 'manifest', dir }, signature: `m:${info.mtimeMs}:${info.size}:${info.ino}`, fd };
    closeSync(fd);
  }
  const folder = stat(dir);
  for (const [entry, engine] of [['main.lua', 'lua'], ['main.js', 'javascript']] as const) {
    const file = stat(path.join(dir, entry));
    if (file?.isFile()) return { candidate: { kind: 'folder', dir, entry, engine }, signature: `d:${folder?.mtimeMs}:${file.mtimeMs}:${file.size}` };
  }
  return undefined;
}

function probeFile(file: string): Probe | undefined {
  if (!file.endsWith('.lua')) return undefined;
  const info = stat(file);
  return info ? { candidate: { kind: 'file', file, engine: 'lua' }, signature: `f:${info.mtimeMs}:${info.size}` } : undefined;
}

function openFile(file: string): number | undefined {
  try {
    return openSync(file, 'r');
  } catch {
    return undefined; // no manifest (ENOENT), or unreadable: the folder's other files decide
  }
}

function kindOf(info: Stats | undefined): 'dir' | 'file' | undefined {
  return info?.isDirectory() ? 'dir' : info?.isFile() ? 'file' : undefined;
}

function stat(file: string): Stats | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined; // e.g. ENOTDIR or EACCES: not a spell we can read
  }
}
