/**
 * How a parallel node combines its body results: in order, by name, the first, or by majority vote
 * (texts compared trimmed and case-insensitively, other values by their JSON).
 */
import { canonicalJson } from '../cache/canonical-json';
import { bodyValue, type NodeResult } from '../node-types';

/** One finished body run. */
export interface BranchResult {
  name: string;
  outputs: Record<string, unknown>;
}

function ballot(value: unknown): string {
  return typeof value === 'string' ? `s:${value.trim().toLowerCase()}` : `j:${canonicalJson(value) ?? String(value)}`;
}

/** The node's ports for `mode`. */
export function aggregate(mode: 'list' | 'map' | 'first' | 'vote', results: BranchResult[]): NodeResult {
  const values = results.map((r) => bodyValue(r.outputs));
  if (mode === 'list') return { output: values };
  if (mode === 'first') return { output: values[0] ?? null };
  if (mode === 'map') return { output: Object.fromEntries(results.map((r, i) => [r.name, values[i]])) };
  const tally = new Map<string, { value: unknown; count: number; first: number }>();
  values.forEach((value, i) => {
    const key = ballot(value);
    const entry = tally.get(key);
    if (entry) entry.count++;
    else tally.set(key, { value, count: 1, first: i });
  });
  // most votes first; a tie goes to the value that came first
  const votes = [...tally.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  return { output: votes[0]?.value ?? null, votes: votes.map(({ value, count }) => ({ value, count })) };
}
