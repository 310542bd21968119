import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SpellIndexEntry } from '../../contract/spell-library';
import type { SpellEngine } from '../../contract/spell-manifest';
import { parseManifestText } from '../manifest-file';
import { readWorkflowEntry } from './read-workflow-entry';
import { formatManifestProblem } from '../manifest-problems';

/** How a library candidate looked on disk; decides the defaults when it has no manifest. */
export type Candidate =
  | { kind: 'manifest'; dir: string }
  | { kind: 'folder'; dir: string; entry: string; engine: SpellEngine }
  | { kind: 'file'; file: string; engine: SpellEngine }
  | { kind: 'workflow'; file: string };

/**
 * Reads one spell's index entry: its manifest, or defaults (folder or file name, version 0.0.0, the
 * first comment line of the source as description). `manifestText` saves reading spell.yaml again.
 * Only reads files; never executes anything.
 */
export function readEntry(candidate: Candidate, folder: string, manifestText?: string): SpellIndexEntry {
  if (candidate.kind === 'workflow') return readWorkflowEntry(candidate.file, folder);
  if (candidate.kind === 'manifest') {
    const name = path.basename(candidate.dir);
    const text = manifestText ?? readFileSync(path.join(candidate.dir, 'spell.yaml'), 'utf8');
    const result = parseManifestText(text, `${name}/spell.yaml`);
    if (result.ok) {
      const m = result.manifest;
      const entry = { name: m.name, version: m.version, description: m.description, tags: m.tags, engine: m.engine };
      return { ...entry, parameters: m.parameters, path: candidate.dir, folder, hasManifest: true };
    }
    const problems = result.problems.map(formatManifestProblem);
    return { ...defaults(name, 'lua'), path: candidate.dir, folder, hasManifest: true, problems };
  }
  const file = candidate.kind === 'file' ? candidate.file : path.join(candidate.dir, candidate.entry);
  const name = candidate.kind === 'file' ? path.basename(file, path.extname(file)) : path.basename(candidate.dir);
  const entry = defaults(name, candidate.engine);
  entry.description = firstComment(file);
  return { ...entry, path: candidate.kind === 'file' ? file : candidate.dir, folder, hasManifest: false };
}

function defaults(name: string, engine: SpellEngine) {
  return { name, version: '0.0.0', description: '', tags: [] as string[], engine, parameters: [] };
}

/** `-- hello: the smallest useful spell.` → `hello: the smallest useful spell.` (reads 512 bytes at most). */
function firstComment(file: string): string {
  let head = '';
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(512);
      head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, 512, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  const first = head.split('\n', 1)[0] ?? '';
  const match = /^\s*(?:--|\/\/)\s?(.*)$/.exec(first);
  return match ? match[1]!.trim() : '';
}
