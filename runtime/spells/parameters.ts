import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkParameterValue, coerceParameter, type SpellParameter } from '../contract/spell-parameter';

/** Why a run's parameters were refused: every problem, one per line; the run never starts. */
export class ParamsError extends Error {
  override name = 'ParamsError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** The parameters a run was given: `key=value` pairs from the command line and values from a JSON file. */
export interface GivenParams {
  /** `key=value` strings; they win over the file's values. */
  pairs?: string[];
  /** A JSON object read from `--params file.json`. */
  file?: Record<string, unknown>;
}

/**
 * The spell's `params`. Without declarations (no manifest): the pairs as plain strings and the file's
 * values as they are, like go-llmspell. With declarations: strings coerced to the declared types,
 * every value checked, defaults applied, and unknown or missing required parameters refused, all
 * problems at once as a {@link ParamsError}.
 */
export function resolveParams(declared: SpellParameter[] | undefined, given: GivenParams): Record<string, unknown> {
  const problems: string[] = [];
  const raw = new Map<string, { value: unknown; fromText: boolean }>();
  for (const [key, value] of Object.entries(given.file ?? {})) raw.set(key, { value, fromText: false });
  for (const pair of given.pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) problems.push(`expected key=value, got '${pair}'`);
    else raw.set(pair.slice(0, eq), { value: pair.slice(eq + 1), fromText: true });
  }
  if (!declared) {
    if (problems.length) throw new ParamsError(problems);
    return Object.fromEntries([...raw].map(([key, { value }]) => [key, value]));
  }

  // Collected as entries: Object.fromEntries defines own properties, so a key like `__proto__` stays data.
  const params: [string, unknown][] = [];
  const byName = new Map(declared.map((p) => [p.name, p]));
  for (const [key, { value, fromText }] of raw) {
    const param = byName.get(key);
    if (!param) {
      const known = declared.length ? `; this spell takes ${declared.map((p) => p.name).join(', ')}` : '; this spell takes no parameters';
      problems.push(`unknown parameter '${key}'${known}`);
      continue;
    }
    // Strings are coerced by declared type wherever they come from; typed JSON values are only checked.
    const result =
      typeof value === 'string' && (fromText || param.type !== 'string') ? coerceParameter(param, value) : checkOnly(param, value);
    if ('error' in result) problems.push(`parameter '${key}': ${result.error}`);
    else params.push([key, result.value]);
  }
  for (const param of declared) {
    if (raw.has(param.name)) continue;
    if (param.default !== undefined) params.push([param.name, structuredClone(param.default)]);
    else if (param.required) {
      problems.push(`missing required parameter '${param.name}'${param.description ? ` (${param.description})` : ''}: add ${param.name}=...`);
    }
  }
  if (problems.length) throw new ParamsError(problems);
  return Object.fromEntries(params);
}

function checkOnly(param: SpellParameter, value: unknown): { value: unknown } | { error: string } {
  const error = checkParameterValue(param, value);
  return error ? { error } : { value };
}

/** Reads `--params file.json`: a JSON object of parameter values (relative paths from `cwd`). */
export function readParamsFile(file: string, cwd: string): Record<string, unknown> {
  const full = path.resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (error) {
    throw new ParamsError([`cannot read the params file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ParamsError([`the params file ${file} is not valid JSON: ${(error as Error).message}`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ParamsError([`the params file ${file} must hold a JSON object like {"name": "Ada"}`]);
  }
  return data as Record<string, unknown>;
}
