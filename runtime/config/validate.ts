import { z } from 'zod';
import type { ConfigProblem } from './errors';
import { buildObject, dotted, getIn, type Layer } from './layer';
import { configInputSchema } from './schema';
import { isSecretPath, maskSecret } from './secrets';

/** Checks one source against the schema on its own, so each problem names its own source and line. */
export function validateLayer(layer: Layer): ConfigProblem[] {
  // A source that sets nothing is valid (every key is optional): no schema to build for it.
  if (layer.entries.length === 0) return [];
  const input = buildObject(layer.entries);
  const result = configInputSchema().safeParse(input);
  if (result.success) return [];
  const problems = result.error.issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(issue.path);
      const hint = known.length ? ` (known keys: ${known.join(', ')})` : '';
      return issue.keys.map((key) => problemAt(layer, [...issue.path, key], `unknown key${hint}`));
    }
    if (issue.code === 'invalid_key') {
      const expected = issue.issues[0]?.message ?? 'a valid name';
      const name = String(issue.path[issue.path.length - 1]);
      return [problemAt(layer, issue.path, `bad name: expected ${expected}, got ${JSON.stringify(name)}`)];
    }
    const got = describeValue(getIn(input, issue.path), dotted(issue.path));
    return [problemAt(layer, issue.path, `expected ${issue.message}, got ${got}`)];
  });
  // Zod reports in schema order; a file reads better in line order (the sort is stable for env layers).
  return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
}

/** A problem at `path` of `layer`, attributed to the entry that set it (env/flag sources have one per variable). */
export function problemAt(layer: Layer, path: readonly PropertyKey[], message: string): ConfigProblem {
  const keys = path.map(String);
  const owner = layer.entries.find((e) => startsWith(e.path, keys) || startsWith(keys, e.path));
  const line = layer.lineOf?.(path);
  const problem: ConfigProblem = { source: owner?.origin ?? layer.label, path: dotted(path), message };
  if (line !== undefined) problem.line = line;
  return problem;
}

/** Renders the "got" half of a message; secrets are masked even when they are the wrong type. */
export function describeValue(value: unknown, path: string): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'a mapping';
  if (isSecretPath(path)) return JSON.stringify(maskSecret(String(value)));
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((key, i) => path[i] === key);
}

const unwrap = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema);

/** The keys the schema allows at `path` (for "unknown key" hints). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType | undefined = configInputSchema();
  for (const key of path) {
    const inner: z.ZodType = unwrap(schema);
    if (inner instanceof z.ZodObject) schema = (inner.shape as Record<string, z.ZodType | undefined>)[String(key)];
    else if (inner instanceof z.ZodRecord) schema = inner.valueType as z.ZodType;
    else return [];
    if (!schema) return [];
  }
  const inner = unwrap(schema);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}
