/** Tengo values to plain JSON-like JS values for host calls, and back. */
import { formatFloatShortest } from './float-format';
import { timeString } from './time-format';
import { fromBytes } from './utf8';
import { arrayItems, ImmutableMap, mapEntries, newArray, TChar, TError, TFloat, TTime, type Value } from './values';

/** A Tengo value as JSON data: maps become objects, undefined null; functions cannot cross. */
export function toJs(v: Value, depth = 0): unknown {
  if (depth > 200) throw new Error('value is nested too deeply to pass to the host');
  if (v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof TFloat) return Number.isFinite(v.v) ? v.v : formatFloatShortest(v.v);
  if (v instanceof TChar) return String.fromCodePoint(v.cp);
  if (v instanceof Uint8Array) return fromBytes(v);
  if (v instanceof TTime) return timeString(v);
  if (v instanceof TError) return { error: toJs(v.value, depth + 1) };
  const items = arrayItems(v);
  if (items) return items.map((x) => toJs(x, depth + 1));
  const m = mapEntries(v);
  if (m) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of m) o[k] = toJs(x, depth + 1);
    return o;
  }
  throw new Error('a function cannot be passed to the host');
}

/** JSON data from the host as Tengo values: whole numbers are ints, objects maps. */
export function fromJs(x: unknown, immutable = false): Value {
  if (x === null || x === undefined) return undefined;
  if (typeof x === 'number') return Number.isSafeInteger(x) ? x : new TFloat(x);
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return newArray(x.map((e) => fromJs(e, immutable)));
  if (typeof x === 'object') {
    const m = new Map<string, Value>();
    for (const [k, e] of Object.entries(x as Record<string, unknown>)) m.set(k, fromJs(e, immutable));
    return immutable ? new ImmutableMap(m) : m;
  }
  return undefined;
}
