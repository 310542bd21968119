/**
 * The library entry of a workflow file: its name, description, tags and inputs (as the run form's
 * parameters), read from the file's top level. Reading checks only what the library shows; the full
 * check is `llmspell validate` (and the canvas's live validation).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SpellIndexEntry } from '../../contract/spell-library';
import { normaliseParameters, ParametersInput } from '../../contract/spell-parameter-schema';
import { WORKFLOW_EXTENSIONS } from '../../contract/workflow';
import { parseWorkflowText } from '../../workflows/file/parse-text';

type Top = { name?: unknown; version?: unknown; description?: unknown; tags?: unknown; inputs?: unknown };

/** Reads `file` (a workflow file) as a library entry; never runs anything. */
export function readWorkflowEntry(file: string, folder: string): SpellIndexEntry {
  const base = path.basename(file);
  const fallback = base.slice(0, base.length - (WORKFLOW_EXTENSIONS.find((e) => base.endsWith(e))?.length ?? 0));
  const entry: SpellIndexEntry = { name: fallback, version: '0.0.0', description: '', tags: [], engine: 'workflow', parameters: [], path: file, folder, hasManifest: false };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ...entry, problems: [`${base}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`] };
  }
  const parsed = parseWorkflowText(text);
  if (!parsed.ok) return { ...entry, problems: parsed.problems.map((p) => `${base}${p.line ? `:${p.line}` : ''}: ${p.message}`) };
  const top = (typeof parsed.data === 'object' && parsed.data !== null ? parsed.data : {}) as Top;
  const problems: string[] = [];
  let parameters: SpellIndexEntry['parameters'] = [];
  const inputs = ParametersInput.optional().safeParse(top.inputs);
  if (inputs.success) parameters = normaliseParameters(inputs.data);
  else problems.push(`${base}: inputs: ${inputs.error.issues[0]?.message ?? 'not a list or mapping of inputs'}`);
  return {
    ...entry,
    ...(typeof top.name === 'string' && top.name ? { name: top.name } : {}),
    ...(typeof top.version === 'string' ? { version: top.version } : {}),
    ...(typeof top.description === 'string' ? { description: top.description } : {}),
    tags: Array.isArray(top.tags) ? top.tags.filter((t): t is string => typeof t === 'string') : [],
    parameters,
    ...(problems.length ? { problems } : {}),
  };
}
