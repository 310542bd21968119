import type { ArgKind } from '../engines/arg-specs';
import type { FunctionView } from '../contract/bridge-api';

/** Edit distance where swapping two neighbours counts once (`lgo` → `log`), for "did you mean". */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** ` (did you mean x?)` for the closest of `names`, when it is close enough; else ''. */
export function suggestion(name: string, names: Iterable<string>): string {
  if (name.length > 64) return ''; // no typo of any name we know, and the distance is quadratic
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of names) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // One slip in a short name, more in a long one (`bar` is no typo of `NaN`, nor `test` of `Set`).
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean ${best}?)` : '';
}

/** Whether a parameter of these kinds accepts a literal of `kind` (an integer is a number). */
export function accepts(kinds: readonly ArgKind[], kind: ArgKind): boolean {
  if (kinds.includes('any') || kinds.includes(kind)) return true;
  return kind === 'integer' && kinds.includes('number');
}

/**
 * Messages about the number of arguments of a call of a bridge function: too few (unless the last
 * argument may expand to any number of values: `open`), too many (unless it takes a rest parameter).
 * `names` are the fixed parameters' names in the spell's language.
 */
export function countProblems(label: string, fn: FunctionView, names: readonly string[], count: number, open: boolean): string[] {
  const problems: string[] = [];
  const fixed = fn.params.filter((p) => !p.rest);
  const required = fixed.filter((p) => !p.optional).length;
  const list = names.join(', ');
  if (!open && count < required) {
    problems.push(`${label} expects ${required === fixed.length ? '' : 'at least '}${required} argument${required === 1 ? '' : 's'} (${list}), got ${count}`);
  }
  if (!fn.params.some((p) => p.rest) && count > fixed.length) {
    problems.push(`${label} takes at most ${fixed.length} argument${fixed.length === 1 ? '' : 's'}${list ? ` (${list})` : ''}, got ${count}`);
  }
  return problems;
}
