/**
 * Problems found in a workflow file, located by field path (and line, once the file loader knows
 * it), and the conversion of zod issues into them: "expected X, got Y", unknown fields with the
 * fields that are allowed there.
 */
import type { z } from 'zod';
import { describeValue } from '../../contract/spell-parameter';
import { WORKFLOW_KEY_ORDER } from '../../contract/workflow';

/** One thing wrong with a workflow. */
export interface GraphProblem {
  /** Field path from the file's root, like `['nodes', 2, 'config', 'prompt']`. */
  path: (string | number)[];
  /** The node concerned, when there is one (its path inside bodies). */
  nodeId?: string;
  message: string;
  /** Absolute path of the file, when the problem is in another file than the one checked (a nested workflow). */
  file?: string;
}

/** `['nodes', 2, 'config']` → `nodes[2].config`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function knownFields(path: readonly (string | number)[]): string | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return WORKFLOW_KEY_ORDER.file.join(', ');
  if (typeof last === 'number' && parent === 'nodes') return WORKFLOW_KEY_ORDER.node.join(', ');
  if (typeof last === 'number' && parent === 'edges') return WORKFLOW_KEY_ORDER.edge.join(', ');
  return undefined;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Zod issues about `data` (found at `base`) as problems. */
export function zodProblems(issues: readonly z.core.$ZodIssue[], data: unknown, base: (string | number)[], nodeId?: string): GraphProblem[] {
  return issues.flatMap((issue): GraphProblem[] => {
    const rel = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const path = [...base, ...rel];
    const at = (p: (string | number)[], message: string): GraphProblem => (nodeId ? { path: p, nodeId, message } : { path: p, message });
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(path);
      return issue.keys.map((key) => at([...path, key], `unknown field${known ? ` (known: ${known})` : ''}`));
    }
    if (issue.code === 'invalid_union') {
      // The branch whose outer shape matched the input explains the problem best.
      const fits = issue.errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0 || i.code === 'unrecognized_keys'));
      const best = fits.sort((a, b) => a.length - b.length)[0];
      if (best) return zodProblems(best, valueAt(data, rel), path, nodeId);
    }
    // Checks of ours write whole sentences (`params.sentence`); other refinements give the expected half.
    if (issue.code === 'custom' && (issue.params as { sentence?: boolean } | undefined)?.sentence) return [at(path, issue.message)];
    return [at(path, `expected ${issue.message}, got ${describeValue(valueAt(data, rel))}`)];
  });
}
