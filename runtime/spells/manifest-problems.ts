import type { z } from 'zod';
import { describeValue } from '../contract/spell-parameter';

/** One thing wrong with a manifest, located by field path and line. */
export interface ManifestProblem {
  /** The file as shown to people: `spell.yaml`, `hello/spell.yaml`. */
  file: string;
  /** Field path like `parameters[1].type`; empty when the problem concerns the whole file. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
  /** What is wrong, e.g. `expected one of string|number|..., got "int"`. */
  message: string;
}

/** Renders `file[:line]: path: message`. */
export function formatManifestProblem(p: ManifestProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

/** Thrown when a manifest is invalid; the message holds every problem, one per line. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(readonly problems: ManifestProblem[]) {
    super(problems.map(formatManifestProblem).join('\n'));
  }
}

/** `['parameters', 1, 'type']` → `parameters[1].type`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

type Issue = z.core.$ZodIssue;
type Located = { path: PropertyKey[]; message: string };

/** The fields allowed where an unknown one was found, for the hint. */
function knownFields(path: readonly PropertyKey[]): string | undefined {
  const at = path.map(String).join('.');
  if (path.length === 0) return 'name, version, description, author, license, engine, entry, tags, parameters, permissions, limits, dependencies, metadata';
  if (path[0] === 'parameters' && path.length === 2) return 'name, type, description, required, default, enum, pattern, min, max';
  if (at === 'permissions') return 'network, storage, tools, llm, secrets';
  if (at === 'permissions.llm') return 'providers, models';
  if (at === 'limits') return 'timeout, memory';
  return undefined;
}

/** Turns zod issues about `data` into located messages; union failures report the branch that fits the input's shape. */
export function issuesToMessages(issues: readonly Issue[], data: unknown, base: PropertyKey[] = []): Located[] {
  return issues.flatMap((issue): Located[] => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(path);
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field${known ? ` (known: ${known})` : ''}` }));
    }
    if (issue.code === 'invalid_key') {
      const expected = issue.issues[0]?.message ?? 'a valid name';
      return [{ path, message: `bad name: expected ${expected}, got ${JSON.stringify(String(path[path.length - 1]))}` }];
    }
    if (issue.code === 'invalid_union') {
      // The branch whose outer shape matched the input explains the problem best.
      const fits = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
      const best = fits.sort((a, b) => a.length - b.length)[0];
      if (best) return issuesToMessages(best, data, path);
    }
    if (issue.code === 'custom' && (issue.params as { sentence?: boolean } | undefined)?.sentence) return [{ path, message: issue.message }];
    return [{ path, message: `expected ${issue.message}, got ${describeValue(getIn(data, path))}` }];
  });
}

function getIn(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
