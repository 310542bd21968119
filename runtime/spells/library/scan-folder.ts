import { closeSync, fstatSync, openSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import type { SpellIndexEntry } from '../../contract/spell-library';
import { isWorkflowPath } from '../../contract/workflow';
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
 * Lists one library folder: every sub-folder with `spell.yaml`, `main.lua` or `main.js`, every
 * top-level `.lua` file, and the workflow files (`*.workflow.yaml|yml|json`) at the top level or in a
 * sub-folder that is not a spell (like `spells/workflows/`). Spells whose signature did not change
 * are taken from `previous`; the rest are read again. Hidden entries and `node_modules` are skipped; a missing folder is empty.
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
    const probes = kind === 'dir' ? listed(probeFolder(full)) ?? workflowFiles(full) : kind === 'file' ? listed(probeFile(full)) ?? [] : [];
    for (const probe of probes) found.push(indexProbe(probe, folder, previous));
  }
  return found.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
}

function listed(probe: Probe | undefined): Probe[] | undefined {
  return probe ? [probe] : undefined;
}

function indexProbe(probe: Probe, folder: string, previous: ReadonlyMap<string, IndexedSpell>): IndexedSpell {
  const full = probe.candidate.kind === 'manifest' || probe.candidate.kind === 'folder' ? probe.candidate.dir : probe.candidate.file;
  try {
    const cached = previous.get(full);
    if (cached && cached.signature === probe.signature) return cached;
    const entry = readEntry(probe.candidate, folder, probe.fd === undefined ? undefined : readFileSync(probe.fd, 'utf8'));
    // A workflow is found by the word "workflow" too.
    const kind = entry.engine === 'workflow' ? '\nworkflow' : '';
    return { signature: probe.signature, entry, haystack: `${entry.name}\n${entry.description}\n${entry.tags.join(' ')}${kind}`.toLowerCase() };
  } finally {
    if (probe.fd !== undefined) closeSync(probe.fd);
  }
}

/** The workflow files directly inside a folder that is not a spell. */
function workflowFiles(dir: string): Probe[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith('.') && isWorkflowPath(name)).flatMap((name) => listed(probeFile(path.join(dir, name))) ?? []);
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
  for (const [entry, engine] of [['main.lua', 'lua'], ['main.js', 'javascript'], ['main.tengo', 'tengo']] as const) {
    const file = stat(path.join(dir, entry));
    if (file?.isFile()) return { candidate: { kind: 'folder', dir, entry, engine }, signature: `d:${folder?.mtimeMs}:${file.mtimeMs}:${file.size}` };
  }
  return undefined;
}

function probeFile(file: string): Probe | undefined {
  const workflow = isWorkflowPath(file);
  if (!workflow && !file.endsWith('.lua')) return undefined;
  const info = stat(file);
  if (!info?.isFile()) return undefined;
  const signature = `f:${info.mtimeMs}:${info.size}`;
  return { candidate: workflow ? { kind: 'workflow', file } : { kind: 'file', file, engine: 'lua' }, signature };
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
