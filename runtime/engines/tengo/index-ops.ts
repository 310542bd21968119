/** Indexers, selectors and slices: `x[i]`, `x.name`, `x[lo:hi]`, and assignment through them. */
import { runtimeError } from './errors';
import { byteLength, isAscii, runes, sliceBytes } from './utf8';
import { char, ImmutableArray, ImmutableMap, newArray, TArray, TError, typeName, type Value } from './values';

function intIndex(i: Value): number | undefined {
  if (typeof i === 'number') return i;
  if (typeof i === 'bigint') return -1;
  return undefined;
}

/** `target[index]`; a missing element or key is undefined, never an error. */
export function indexGet(target: Value, index: Value): Value {
  if (target instanceof TArray) {
    const i = intIndex(index);
    if (i === undefined) throw runtimeError(`invalid index type: ${typeName(index)}`);
    return i >= 0 && i < target.n ? target.a[i] : undefined;
  }
  if (target instanceof ImmutableArray) {
    const i = intIndex(index);
    if (i === undefined) throw runtimeError(`invalid index type: ${typeName(index)}`);
    return i >= 0 && i < target.items.length ? target.items[i] : undefined;
  }
  if (target instanceof Map || target instanceof ImmutableMap) {
    if (typeof index !== 'string') throw runtimeError(`invalid index type: ${typeName(index)}`);
    return (target instanceof Map ? target : target.map).get(index);
  }
  if (typeof target === 'string') {
    const i = intIndex(index);
    if (i === undefined) throw runtimeError(`invalid index type: ${typeName(index)}`);
    if (i < 0) return undefined;
    if (isAscii(target)) return i < target.length ? char(target.charCodeAt(i)) : undefined;
    const rs = runes(target);
    return i < rs.length ? char(rs[i]!) : undefined;
  }
  if (target instanceof Uint8Array) {
    const i = intIndex(index);
    if (i === undefined) throw runtimeError(`invalid index type: ${typeName(index)}`);
    return i >= 0 && i < target.length ? target[i] : undefined;
  }
  if (target instanceof TError) {
    if (index === 'value') return target.value;
    throw runtimeError(`invalid index on error`);
  }
  if (target === undefined) return undefined;
  throw runtimeError(`not indexable: ${typeName(target)}`);
}

/** `target[index] = value`. */
export function indexSet(target: Value, index: Value, value: Value): void {
  if (target instanceof TArray) {
    const i = intIndex(index);
    if (i === undefined) throw runtimeError(`invalid index type: ${typeName(index)}`);
    if (i < 0 || i >= target.n) throw runtimeError('index out of bounds');
    target.a[i] = value;
    return;
  }
  if (target instanceof Map) {
    if (typeof index !== 'string') throw runtimeError(`invalid index type: ${typeName(index)}`);
    target.set(index, value);
    return;
  }
  throw runtimeError(`not index-assignable: ${typeName(target)}`);
}

function bound(v: Value, dflt: number, len: number): number {
  if (v === undefined) return dflt;
  if (typeof v === 'bigint') return v < 0n ? 0 : len;
  if (typeof v !== 'number') throw runtimeError(`invalid slice index type: ${typeName(v)}`);
  return v < 0 ? 0 : v > len ? len : v;
}

/** `target[lo:hi]`: indexes clamp to the sequence; a slice of an immutable array is mutable. */
export function sliceOf(target: Value, lo: Value, hi: Value): Value {
  let len: number;
  if (target instanceof TArray) len = target.n;
  else if (target instanceof ImmutableArray) len = target.items.length;
  else if (typeof target === 'string') len = byteLength(target);
  else if (target instanceof Uint8Array) len = target.length;
  else throw runtimeError(`not sliceable: ${typeName(target)}`);
  const l = bound(lo, 0, len);
  const h = bound(hi, len, len);
  if (l > h) throw runtimeError(`invalid slice index: ${l} > ${h}`);
  if (target instanceof TArray) return newArray(target.a.slice(l, h));
  if (target instanceof ImmutableArray) return newArray(target.items.slice(l, h));
  if (typeof target === 'string') return sliceBytes(target, l, h);
  return (target as Uint8Array).slice(l, h);
}
