/**
 * Argument helpers for host functions. Like Tengo's standard library, a string parameter accepts
 * anything with a string form and an int parameter anything with an int form; other values give
 * Tengo's "invalid type for argument" error.
 */
import { argCount, badArg } from '../builtins';
import { toFloat, toInt, toStringValue } from '../convert';
import type { Int } from '../int64';
import { ImmutableMap, TBuiltin, TFloat, type Value } from '../values';

export { argCount, badArg };

export function strArg(args: Value[], i: number): string {
  const s = toStringValue(args[i]);
  if (s === undefined) throw badArg(i, 'string(compatible)', args[i]);
  return s;
}

export function intArg(args: Value[], i: number): Int {
  const v = args[i];
  const n = typeof v === 'string' ? undefined : toInt(v);
  if (n === undefined) throw badArg(i, 'int(compatible)', v);
  return n;
}

/** An int argument as a JS number (counts, sizes, indexes). */
export function numArg(args: Value[], i: number): number {
  return Number(intArg(args, i));
}

export function floatArg(args: Value[], i: number): number {
  const v = args[i];
  const f = typeof v === 'string' ? undefined : toFloat(v);
  if (f === undefined) throw badArg(i, 'float(compatible)', v);
  return f;
}

export const float = (x: number): TFloat => new TFloat(x);

/** An immutable module map of functions and constants. */
export function moduleOf(entries: Record<string, Value | ((args: Value[]) => Value)>): ImmutableMap {
  const m = new Map<string, Value>();
  for (const [k, v] of Object.entries(entries)) m.set(k, typeof v === 'function' ? new TBuiltin(k, v) : v);
  return new ImmutableMap(m);
}

/** A function of fixed arity whose arguments are checked by the body. */
export function fixed(n: number, f: (args: Value[]) => Value): (args: Value[]) => Value {
  return (args) => {
    argCount(args, n);
    return f(args);
  };
}
