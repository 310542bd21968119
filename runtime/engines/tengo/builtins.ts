/** Tengo's builtin functions (builtins.md): len, copy, append, delete, splice, conversions, is_*, format, range. */
import { toBytesValue, toChar, toFloat, toInt, toStringValue, toTime } from './convert';
import { runtimeError } from './errors';
import { format } from './format';
import type { Machine } from './machine';
import { byteLength } from './utf8';
import {
  ImmutableArray,
  ImmutableMap,
  isCallable,
  isFalsy,
  itemsOf,
  newArray,
  own,
  TArray,
  TBuiltin,
  TChar,
  TError,
  TFloat,
  TFunction,
  TTime,
  typeName,
  type Value,
} from './values';

const ORDINAL = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];

/** Tengo's ErrInvalidArgumentType text. */
export function badArg(index: number, expected: string, found: Value): Error {
  return runtimeError(`invalid type for argument '${ORDINAL[index] ?? `#${index + 1}`}': expected ${expected}, found ${typeName(found)}`);
}

export function wrongArgs(): Error {
  return runtimeError('wrong number of arguments');
}

export function argCount(args: Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw wrongArgs();
}

/** A deep copy; immutable arrays and maps come back mutable (tutorial: Immutable Values). */
export function deepCopy(v: Value): Value {
  if (v instanceof TArray || v instanceof ImmutableArray) return newArray((v instanceof TArray ? itemsOf(v) : v.items).map(deepCopy));
  if (v instanceof Map || v instanceof ImmutableMap) {
    const out = new Map<string, Value>();
    for (const [k, x] of v instanceof Map ? v : v.map) out.set(k, deepCopy(x));
    return out;
  }
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof TError) return new TError(deepCopy(v.value));
  return v;
}

function len(v: Value): Value {
  if (v instanceof TArray) return v.n;
  if (typeof v === 'string') return byteLength(v);
  if (v instanceof Map) return v.size;
  if (v instanceof ImmutableArray) return v.items.length;
  if (v instanceof ImmutableMap) return v.map.size;
  if (v instanceof Uint8Array) return v.length;
  throw badArg(0, 'array/string/bytes/map', v);
}

function append(m: Machine, args: Value[]): Value {
  if (args.length < 1) throw wrongArgs();
  const x = args[0];
  const extra = args.length - 1;
  if (x instanceof TArray) {
    m.checkElements(x.n + extra);
    // This array is the longest view of its store: grow the store in place (amortised O(1)).
    if (x.n === x.a.length) {
      for (let i = 1; i < args.length; i++) x.a.push(args[i]);
      return new TArray(x.a, x.n + extra);
    }
    return newArray(x.a.slice(0, x.n).concat(args.slice(1)));
  }
  if (x instanceof ImmutableArray) return newArray(x.items.concat(args.slice(1)));
  throw badArg(0, 'array', x);
}

function splice(args: Value[]): Value {
  if (args.length < 1) throw wrongArgs();
  const arr = args[0];
  if (!(arr instanceof TArray)) throw badArg(0, 'array', arr);
  const a = own(arr);
  let start = 0;
  if (args.length > 1) {
    const s = args[1];
    if (typeof s !== 'number') throw badArg(1, 'int', s);
    if (s < 0 || s > a.length) throw runtimeError('index out of bounds');
    start = s;
  }
  let count = a.length - start;
  if (args.length > 2) {
    const c = args[2];
    if (typeof c !== 'number') throw badArg(2, 'int', c);
    if (c < 0) throw runtimeError(`invalid count: ${c}`);
    count = Math.min(c, a.length - start);
  }
  const removed = a.splice(start, count, ...args.slice(3));
  arr.n = a.length;
  return newArray(removed);
}

function range(m: Machine, args: Value[]): Value {
  argCount(args, 2, 3);
  const [start, stop, step = 1] = args;
  if (typeof start !== 'number') throw badArg(0, 'int', start);
  if (typeof stop !== 'number') throw badArg(1, 'int', stop);
  if (typeof step !== 'number') throw badArg(2, 'int', step);
  if (step <= 0) throw runtimeError(`invalid range step: must be > 0, got ${step}`);
  const count = Math.max(0, Math.ceil(Math.abs(stop - start) / step));
  m.checkElements(count);
  const out: Value[] = new Array(count);
  const dir = start <= stop ? step : -step;
  for (let i = 0; i < count; i++) out[i] = start + i * dir;
  return newArray(out);
}

/** A conversion builtin: `name(x)` or `name(x, default)`. */
function conversion(name: string, to: (v: Value) => Value | undefined): TBuiltin {
  return new TBuiltin(name, (args) => {
    argCount(args, 1, 2);
    const r = to(args[0]);
    return r === undefined ? args[1] : r;
  });
}

const is = (name: string, test: (v: Value) => boolean) =>
  new TBuiltin(name, (args) => {
    argCount(args, 1);
    return test(args[0]);
  });

/** The builtin functions every module sees, in a fixed order (the resolver refers to them by index). */
export function makeBuiltins(m: Machine): TBuiltin[] {
  return [
    new TBuiltin('len', (args) => {
      argCount(args, 1);
      return len(args[0]);
    }),
    new TBuiltin('copy', (args) => {
      argCount(args, 1);
      return deepCopy(args[0]);
    }),
    new TBuiltin('append', (args) => append(m, args)),
    new TBuiltin('delete', (args) => {
      argCount(args, 2);
      const [map, key] = args;
      if (!(map instanceof Map)) throw badArg(0, 'map', map);
      if (typeof key !== 'string') throw badArg(1, 'string', key);
      map.delete(key);
      return undefined;
    }),
    new TBuiltin('splice', splice),
    new TBuiltin('type_name', (args) => {
      argCount(args, 1);
      return typeName(args[0]);
    }),
    conversion('string', (v) => {
      const s = toStringValue(v);
      if (s !== undefined) m.checkBytes(s.length);
      return s;
    }),
    conversion('int', toInt),
    conversion('float', (v) => {
      const f = toFloat(v);
      return f === undefined ? undefined : new TFloat(f);
    }),
    new TBuiltin('bool', (args) => {
      argCount(args, 1, 2);
      return !isFalsy(args[0]);
    }),
    conversion('char', toChar),
    conversion('bytes', (v) => {
      if (typeof v === 'number') {
        if (v < 0) return undefined;
        m.checkBytes(v);
        return new Uint8Array(v);
      }
      return toBytesValue(v);
    }),
    conversion('time', toTime),
    is('is_int', (v) => typeof v === 'number' || typeof v === 'bigint'),
    is('is_float', (v) => v instanceof TFloat),
    is('is_string', (v) => typeof v === 'string'),
    is('is_bool', (v) => typeof v === 'boolean'),
    is('is_char', (v) => v instanceof TChar),
    is('is_bytes', (v) => v instanceof Uint8Array),
    is('is_array', (v) => v instanceof TArray),
    is('is_immutable_array', (v) => v instanceof ImmutableArray),
    is('is_map', (v) => v instanceof Map),
    is('is_immutable_map', (v) => v instanceof ImmutableMap),
    is('is_iterable', (v) => v instanceof TArray || v instanceof ImmutableArray || v instanceof Map || v instanceof ImmutableMap || typeof v === 'string' || v instanceof Uint8Array),
    is('is_time', (v) => v instanceof TTime),
    is('is_error', (v) => v instanceof TError),
    is('is_undefined', (v) => v === undefined),
    is('is_function', (v) => v instanceof TFunction),
    is('is_callable', isCallable),
    new TBuiltin('format', (args) => {
      if (args.length < 1) throw wrongArgs();
      const f = args[0];
      if (typeof f !== 'string') throw badArg(0, 'string', f);
      const s = format(f, args.slice(1));
      m.checkBytes(s.length);
      return s;
    }),
    new TBuiltin('range', (args) => range(m, args)),
  ];
}

/** The builtin names, in makeBuiltins order, for the resolver. */
export const BUILTIN_NAMES: readonly string[] = makeBuiltins(undefined as unknown as Machine).map((b) => b.name);
