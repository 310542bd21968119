/**
 * Exact int64 arithmetic over Tengo's int representation: a JS number while the value is within
 * ±(2^53 - 1), a bigint (wrapped to 64 bits, like Go's int64) beyond. Every result is normalised, so
 * one value has one representation and `===` is equality.
 */
import { runtimeError } from './errors';

export type Int = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = -MAX;

/** Wraps a bigint to int64 and gives a number when it is safe. */
export function norm(b: bigint): Int {
  const w = BigInt.asIntN(64, b);
  return w >= -9007199254740991n && w <= 9007199254740991n ? Number(w) : w;
}

const big = (a: Int) => (typeof a === 'bigint' ? a : BigInt(a));

export function add(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (r <= MAX && r >= MIN) return r;
  }
  return norm(big(a) + big(b));
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r <= MAX && r >= MIN) return r;
  }
  return norm(big(a) - big(b));
}

export function mul(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    // A product within ±2^53 is exact in floating point; the `+ 0` turns -0 into 0.
    const r = a * b + 0;
    if (r <= MAX && r >= MIN) return r;
  }
  return norm(big(a) * big(b));
}

export function div(a: Int, b: Int): Int {
  if (b === 0) throw runtimeError('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return (a - (a % b)) / b + 0;
  return norm(big(a) / big(b));
}

export function mod(a: Int, b: Int): Int {
  if (b === 0) throw runtimeError('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return norm(big(a) % big(b));
}

export function neg(a: Int): Int {
  return typeof a === 'number' ? 0 - a : norm(-a);
}

const isInt32 = (a: Int): a is number => typeof a === 'number' && (a | 0) === a;

export function and(a: Int, b: Int): Int {
  return isInt32(a) && isInt32(b) ? a & b : norm(big(a) & big(b));
}

export function or(a: Int, b: Int): Int {
  return isInt32(a) && isInt32(b) ? a | b : norm(big(a) | big(b));
}

export function xor(a: Int, b: Int): Int {
  return isInt32(a) && isInt32(b) ? a ^ b : norm(big(a) ^ big(b));
}

export function andNot(a: Int, b: Int): Int {
  return isInt32(a) && isInt32(b) ? a & ~b : norm(big(a) & ~big(b));
}

export function not(a: Int): Int {
  return isInt32(a) ? ~a : norm(~big(a));
}

export function shl(a: Int, b: Int): Int {
  if (b < 0) throw runtimeError('negative shift count');
  if (b >= 64) return 0;
  if (typeof a === 'number' && typeof b === 'number' && b < 31 && Math.abs(a) < 2 ** (52 - b)) return a * 2 ** b;
  return norm(big(a) << big(b));
}

export function shr(a: Int, b: Int): Int {
  if (b < 0) throw runtimeError('negative shift count');
  if (isInt32(a) && typeof b === 'number') return b >= 32 ? (a < 0 ? -1 : 0) : a >> b;
  return norm(big(a) >> big(b > 64 ? 64 : b));
}

/** Go's int64(f): truncates; NaN and values out of range give the minimum int64, as on amd64. */
export function fromFloat(f: number): Int {
  if (Number.isNaN(f) || f >= 9223372036854775808 || f < -9223372036854775808) return -(2n ** 63n);
  const t = Math.trunc(f) + 0;
  return t <= MAX && t >= MIN ? t : norm(BigInt(t));
}

export function toNumber(a: Int): number {
  return typeof a === 'number' ? a : Number(a);
}

/** Parses an integer like Go's strconv.ParseInt(s, base, 64); undefined if it is not one or is out of range. */
export function parseInt64(s: string, base = 10): Int | undefined {
  const v = parseBigInt(s, base);
  if (v === undefined || v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return norm(v);
}

/** The integer `s` spells in `base` (0: by prefix, as Go), however large; undefined on bad syntax. */
export function parseBigInt(s: string, base = 10): bigint | undefined {
  let t = s.trim() === s ? s : '';
  if (t === '') return undefined;
  let sign = 1n;
  if (t[0] === '+' || t[0] === '-') {
    if (t[0] === '-') sign = -1n;
    t = t.slice(1);
  }
  let digits = t;
  if (base === 0) {
    if (/^0[xX]/.test(t)) [base, digits] = [16, t.slice(2)];
    else if (/^0[bB]/.test(t)) [base, digits] = [2, t.slice(2)];
    else if (/^0[oO]/.test(t)) [base, digits] = [8, t.slice(2)];
    else if (/^0\d/.test(t)) [base, digits] = [8, t.slice(1)];
    else base = 10;
    digits = digits.replaceAll('_', '');
  }
  if (base < 2 || base > 36 || digits === '') return undefined;
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let v = 0n;
  const B = BigInt(base);
  for (const ch of digits.toLowerCase()) {
    const d = alphabet.indexOf(ch);
    if (d < 0) return undefined;
    v = v * B + BigInt(d);
  }
  return v * sign;
}
