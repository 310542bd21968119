import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { firstLine, lineOf } from '../yaml/yaml-lines';
import { SpellManifestSchema, type SpellManifest } from '../contract/spell-manifest';
import { fieldPath, issuesToMessages, ManifestError, type ManifestProblem } from './manifest-problems';
import { parseQuickYaml } from './quick-yaml';

/** A manifest read from text: the normalised manifest, or every problem found. */
export type ManifestResult = { ok: true; manifest: SpellManifest } | { ok: false; problems: ManifestProblem[] };

/**
 * Parses and validates the text of a `spell.yaml`. Valid plain manifests take a fast path; anything
 * else is parsed with the `yaml` document API so every problem gets its field path and line.
 * `file` labels the problems (`spell.yaml`, `hello/spell.yaml`).
 */
export function parseManifestText(text: string, file = 'spell.yaml'): ManifestResult {
  const quick = parseQuickYaml(text);
  if (quick !== undefined) {
    const result = SpellManifestSchema.safeParse(quick);
    if (result.success) return { ok: true, manifest: result.data };
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => {
        const problem: ManifestProblem = { file, path: '', message: `YAML syntax error: ${firstLine(error.message)}` };
        const line = error.linePos?.[0]?.line;
        if (line !== undefined) problem.line = line;
        return problem;
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // e.g. too many alias expansions ("billion laughs"): refuse the file rather than hang.
    return { ok: false, problems: [{ file, path: '', message: `YAML error: ${(error as Error).message}` }] };
  }
  const result = SpellManifestSchema.safeParse(data);
  if (result.success) return { ok: true, manifest: result.data };
  const problems = issuesToMessages(result.error.issues, data).map(({ path, message }): ManifestProblem => {
    const problem: ManifestProblem = { file, path: fieldPath(path), message };
    const line = lineOf(doc, counter, path);
    if (line !== undefined) problem.line = line;
    return problem;
  });
  // Zod reports in schema order; a file reads better in line order (the sort is stable).
  return { ok: false, problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** Reads and validates a manifest file; an unreadable file is a problem too. */
export function readManifestFile(path: string, file = 'spell.yaml'): ManifestResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, path: '', message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  return parseManifestText(text, file);
}

/** Like {@link readManifestFile}, but throws a {@link ManifestError} with every problem. */
export function loadManifest(path: string, file = 'spell.yaml'): SpellManifest {
  const result = readManifestFile(path, file);
  if (!result.ok) throw new ManifestError(result.problems);
  return result.manifest;
}

