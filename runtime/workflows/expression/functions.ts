/**
 * The functions workflow expressions may call. Pure, total over JSON values, and bounded: nothing
 * here compiles a user-supplied regular expression or loops on user-chosen counts.
 */

/** Text of a value as templates show it: strings as they are, nothing as '', the rest as JSON. */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Truthiness shared by conditions and loops: false, null, 0, '' and empty lists are false. */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== 0 && value !== '';
}

function list(name: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${name}() expects a list, got ${kind(value)}`);
  return value;
}

function numberOf(name: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new Error(`${name}() expects a number, got ${kind(value)}`);
  return n;
}

/** A value's kind for messages. */
export function kind(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : typeof value;
}

type Fn = [min: number, max: number, impl: (...args: unknown[]) => unknown];

/** Functions by name: [fewest arguments, most arguments, implementation]. */
export const FUNCTIONS: Record<string, Fn> = {
  len: [1, 1, (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0)],
  lower: [1, 1, (v) => toText(v).toLowerCase()],
  upper: [1, 1, (v) => toText(v).toUpperCase()],
  trim: [1, 1, (v) => toText(v).trim()],
  contains: [2, 2, (hay, needle) => (Array.isArray(hay) ? hay.some((x) => equal(x, needle)) : toText(hay).includes(toText(needle)))],
  starts_with: [2, 2, (s, p) => toText(s).startsWith(toText(p))],
  ends_with: [2, 2, (s, p) => toText(s).endsWith(toText(p))],
  replace: [3, 3, (s, a, b) => toText(s).split(toText(a)).join(toText(b))],
  split: [2, 2, (s, sep) => toText(s).split(toText(sep))],
  join: [1, 2, (l, sep) => list('join', l).map(toText).join(sep === undefined ? '' : toText(sep))],
  string: [1, 1, toText],
  number: [1, 1, (v) => numberOf('number', v)],
  json: [1, 1, (v) => JSON.stringify(v ?? null)],
  keys: [1, 1, (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [])],
  values: [1, 1, (v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : [])],
  first: [1, 1, (l) => list('first', l)[0] ?? null],
  last: [1, 1, (l) => list('last', l).at(-1) ?? null],
  default: [2, 2, (v, fallback) => (v === undefined || v === null || v === '' ? fallback : v)],
  round: [1, 2, (x, d) => {
    const scale = 10 ** (d === undefined ? 0 : numberOf('round', d));
    return Math.round(numberOf('round', x) * scale) / scale;
  }],
  floor: [1, 1, (x) => Math.floor(numberOf('floor', x))],
  ceil: [1, 1, (x) => Math.ceil(numberOf('ceil', x))],
  abs: [1, 1, (x) => Math.abs(numberOf('abs', x))],
  min: [1, 100, (...xs) => Math.min(...(xs.length === 1 && Array.isArray(xs[0]) ? xs[0] : xs).map((x) => numberOf('min', x)))],
  max: [1, 100, (...xs) => Math.max(...(xs.length === 1 && Array.isArray(xs[0]) ? xs[0] : xs).map((x) => numberOf('max', x)))],
  sum: [1, 1, (l) => list('sum', l).reduce<number>((acc, x) => acc + numberOf('sum', x), 0)],
};

/** Deep equality of JSON values (numbers by value, mappings regardless of key order). */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
