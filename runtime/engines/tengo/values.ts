/**
 * Tengo runtime values as JavaScript values, chosen so the common ones cost nothing:
 *   int       → number (always an integer, within ±2^53) or bigint (beyond that, wrapped to int64)
 *   float     → TFloat (boxed, so `1` and `1.0` stay different types)
 *   bool      → boolean;  string → string;  undefined → undefined;  bytes → Uint8Array
 *   array     → TArray (a JS array plus a length, so `a = append(a, x)` grows in place without
 *               changing what other references to the old array see); immutable array → ImmutableArray
 *   map       → JS Map;    immutable map → ImmutableMap
 *   char, error, time, functions → small classes below
 */
import type { Pos } from './token';

export type Value =
  | number
  | bigint
  | boolean
  | string
  | undefined
  | TFloat
  | TChar
  | Uint8Array
  | TArray
  | ImmutableArray
  | TMap
  | ImmutableMap
  | TError
  | TTime
  | TFunction
  | TBuiltin;

export type TMap = Map<string, Value>;

export class TFloat {
  constructor(readonly v: number) {}
}

export class TChar {
  constructor(readonly cp: number) {}
}

const CHARS: TChar[] = [];
for (let i = 0; i < 256; i++) CHARS.push(new TChar(i));

/** A char value; the Latin-1 ones are shared. */
export function char(cp: number): TChar {
  return cp >= 0 && cp < 256 ? CHARS[cp]! : new TChar(cp);
}

/**
 * A mutable array: the first `n` items of `a`. `append` pushes onto `a` when this array is its
 * longest view (amortised O(1)) and copies otherwise, so no two arrays ever see each other grow.
 */
export class TArray {
  constructor(
    public a: Value[],
    public n: number,
  ) {}
}

export const newArray = (items: Value[]): TArray => new TArray(items, items.length);

/** The items of a mutable array; the backing store itself when it has no spare tail (read only!). */
export function itemsOf(arr: TArray): Value[] {
  return arr.n === arr.a.length ? arr.a : arr.a.slice(0, arr.n);
}

/** Makes `arr` the sole owner of its backing store, e.g. before an in-place length change. */
export function own(arr: TArray): Value[] {
  if (arr.n !== arr.a.length) {
    arr.a = arr.a.slice(0, arr.n);
  }
  return arr.a;
}

export class ImmutableArray {
  constructor(readonly items: Value[]) {}
}

export class ImmutableMap {
  constructor(readonly map: TMap) {}
}

export class TError {
  constructor(readonly value: Value) {}
}

/** A time: nanoseconds since the Unix epoch, shown in UTC or in the local zone. */
export class TTime {
  constructor(
    readonly ns: bigint,
    readonly utc = false,
  ) {}
}

/** A shared variable captured by a closure. */
export class Cell {
  constructor(public v: Value) {}
}

/** A compiled function body: runs with its frame and the closure's cells; returns a completion code. */
export type Body = (L: Value[], F: Cell[]) => number;

/** A Tengo function (a literal, with its captured variables). */
export class TFunction {
  /** The exact argument count a plain call needs, or -1 when variadic (the fast call path checks this). */
  readonly arity: number;

  constructor(
    readonly body: Body,
    /** Parameters, the variadic one included. */
    readonly nparams: number,
    readonly variadic: boolean,
    /** Frame size; the slot at `nlocals` holds the return value. */
    readonly nlocals: number,
    readonly free: Cell[],
    readonly file: string,
    readonly pos: Pos,
  ) {
    this.arity = variadic ? -1 : nparams;
  }
}

/** A function of the host: a builtin, a standard-library or a bridge function. */
export class TBuiltin {
  constructor(
    readonly name: string,
    readonly fn: (args: Value[]) => Value,
  ) {}
}

/** Tengo's type names, as `type_name` returns them. */
export function typeName(v: Value): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'undefined';
  }
  if (v instanceof TFloat) return 'float';
  if (v instanceof TArray) return 'array';
  if (v instanceof Map) return 'map';
  if (v instanceof TChar) return 'char';
  if (v instanceof Uint8Array) return 'bytes';
  if (v instanceof ImmutableArray) return 'immutable-array';
  if (v instanceof ImmutableMap) return 'immutable-map';
  if (v instanceof TError) return 'error';
  if (v instanceof TTime) return 'time';
  if (v instanceof TFunction) return 'compiled-function';
  return 'builtin-function';
}

/** Tengo's truthiness (runtime-types.md, Object.IsFalsy). */
export function isFalsy(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'string':
      return v.length === 0;
    case 'undefined':
      return true;
    case 'bigint':
      return false;
  }
  if (v instanceof TFloat) return Number.isNaN(v.v);
  if (v instanceof TArray) return v.n === 0;
  if (v instanceof Map) return v.size === 0;
  if (v instanceof TChar) return v.cp === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (v instanceof ImmutableArray) return v.items.length === 0;
  if (v instanceof ImmutableMap) return v.map.size === 0;
  if (v instanceof TError) return true;
  if (v instanceof TTime) return v.ns === ZERO_TIME_NS;
  return false;
}

/** Go's zero time (January 1, year 1, UTC) in Unix nanoseconds. */
export const ZERO_TIME_NS = -62135596800n * 1_000_000_000n;

/** The items of an array or immutable array (read only), else undefined. */
export function arrayItems(v: Value): Value[] | undefined {
  if (v instanceof TArray) return itemsOf(v);
  if (v instanceof ImmutableArray) return v.items;
  return undefined;
}

/** The entries of a map or immutable map, else undefined. */
export function mapEntries(v: Value): TMap | undefined {
  if (v instanceof Map) return v;
  if (v instanceof ImmutableMap) return v.map;
  return undefined;
}

export function isCallable(v: Value): v is TFunction | TBuiltin {
  return v instanceof TFunction || v instanceof TBuiltin;
}
