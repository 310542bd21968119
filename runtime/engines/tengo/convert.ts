/** Type conversions (runtime-types.md's table), shared by the builtins and the standard modules. */
import * as I from './int64';
import { toText } from './to-string';
import { runes, toBytes } from './utf8';
import { char, TChar, TFloat, TTime, type Value } from './values';

/** int(x): undefined when x has no int form. */
export function toInt(v: Value): I.Int | undefined {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof TFloat) return I.fromFloat(v.v);
  if (typeof v === 'string') return I.parseInt64(v, 10);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof TChar) return v.cp;
  return undefined;
}

/** Go's strconv.ParseFloat(s, 64): decimal or hex floats, Inf, NaN; undefined otherwise. */
export function parseFloat64(s: string): number | undefined {
  const t = s.replaceAll('_', '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

export function toFloat(v: Value): number | undefined {
  if (v instanceof TFloat) return v.v;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return parseFloat64(v);
  return undefined;
}

/** string(x): the value as text; undefined has none. */
export function toStringValue(v: Value): string | undefined {
  if (v === undefined) return undefined;
  return toText(v);
}

export function toChar(v: Value): TChar | undefined {
  if (v instanceof TChar) return v;
  if (typeof v === 'number') return char(Number(BigInt.asIntN(32, BigInt(v))));
  if (typeof v === 'bigint') return char(Number(BigInt.asIntN(32, v)));
  if (typeof v === 'string') {
    const rs = runes(v);
    return rs.length === 1 ? char(rs[0]!) : undefined;
  }
  return undefined;
}

export function toBytesValue(v: Value): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return toBytes(v);
  return undefined;
}

export function toTime(v: Value): TTime | undefined {
  if (v instanceof TTime) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new TTime(BigInt(v) * 1_000_000_000n);
  return undefined;
}
