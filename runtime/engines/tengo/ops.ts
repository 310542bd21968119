/** Tengo's operators on every type (operators.md); the compiler inlines the int fast paths. */
import { runtimeError } from './errors';
import * as I from './int64';
import { str } from './to-string';
import { arrayItems, char, ImmutableArray, ImmutableMap, newArray, TArray, TChar, TError, TFloat, TTime, typeName, type Value } from './values';

const isInt = (v: Value): v is I.Int => typeof v === 'number' || typeof v === 'bigint';

function invalid(a: Value, op: string, b: Value): never {
  throw runtimeError(`invalid operation: ${typeName(a)} ${op} ${typeName(b)}`);
}

function intOp(op: string, a: I.Int, b: I.Int): Value {
  switch (op) {
    case '+': return I.add(a, b);
    case '-': return I.sub(a, b);
    case '*': return I.mul(a, b);
    case '/': return I.div(a, b);
    case '%': return I.mod(a, b);
    case '&': return I.and(a, b);
    case '|': return I.or(a, b);
    case '^': return I.xor(a, b);
    case '&^': return I.andNot(a, b);
    case '<<': return I.shl(a, b);
    case '>>': return I.shr(a, b);
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
  }
  return invalid(a, op, b);
}

function floatOp(op: string, a: number, b: number, left: Value, right: Value): Value {
  switch (op) {
    case '+': return new TFloat(a + b);
    case '-': return new TFloat(a - b);
    case '*': return new TFloat(a * b);
    case '/': return new TFloat(a / b);
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
  }
  return invalid(left, op, right);
}

function compare(op: string, a: number | bigint | string, b: number | bigint | string): boolean | undefined {
  switch (op) {
    case '<': return a < b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '>=': return a >= b;
  }
  return undefined;
}

/** Char arithmetic wraps like Go's int32 rune. */
const toRune = (n: number | bigint) => char(Number(BigInt.asIntN(32, BigInt(n))));

/** `a op b` for an arithmetic, bitwise or comparison operator (not `==`, `&&`, `||`). */
export function binaryOp(op: string, a: Value, b: Value): Value {
  if (isInt(a)) {
    if (isInt(b)) return intOp(op, a, b);
    if (b instanceof TFloat) return floatOp(op, Number(a), b.v, a, b);
    if (b instanceof TChar) {
      if (op === '+') return toRune(I.add(a, b.cp));
      if (op === '-') return toRune(I.sub(a, b.cp));
      return compare(op, a, b.cp) ?? invalid(a, op, b);
    }
  } else if (a instanceof TFloat) {
    if (b instanceof TFloat) return floatOp(op, a.v, b.v, a, b);
    if (isInt(b)) return floatOp(op, a.v, Number(b), a, b);
  } else if (typeof a === 'string') {
    if (op === '+') return a + (typeof b === 'string' ? b : str(b));
    if (typeof b === 'string') return compare(op, a, b) ?? invalid(a, op, b);
  } else if (a instanceof TChar) {
    if (b instanceof TChar || isInt(b)) {
      const n = b instanceof TChar ? b.cp : b;
      if (op === '+') return toRune(I.add(a.cp, n));
      if (op === '-') return toRune(I.sub(a.cp, n));
      return compare(op, a.cp, n) ?? invalid(a, op, b);
    }
  } else if (a instanceof TTime) {
    if (b instanceof TTime) {
      if (op === '-') return I.norm(a.ns - b.ns);
      return compare(op, a.ns, b.ns) ?? invalid(a, op, b);
    }
    if (isInt(b) && (op === '+' || op === '-')) return new TTime(op === '+' ? a.ns + BigInt(b) : a.ns - BigInt(b), a.utc);
  } else if (op === '+' && (a instanceof TArray || a instanceof ImmutableArray)) {
    const bi = arrayItems(b);
    if (bi) return newArray(arrayItems(a)!.concat(bi));
  }
  return invalid(a, op, b);
}

/** `==`: same type and same value; arrays, maps and bytes compare their contents. */
export function equals(a: Value, b: Value): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  // Before the identity check: a NaN float is not equal to itself.
  if (a instanceof TFloat) return b instanceof TFloat && a.v === b.v;
  if (a === b) return true;
  if (a instanceof TChar) return b instanceof TChar && a.cp === b.cp;
  const ai = arrayItems(a);
  if (ai) {
    const bi = arrayItems(b);
    if (!bi || ai.length !== bi.length) return false;
    for (let i = 0; i < ai.length; i++) if (!equals(ai[i], bi[i])) return false;
    return true;
  }
  const am = a instanceof Map ? a : a instanceof ImmutableMap ? a.map : undefined;
  if (am) {
    const bm = b instanceof Map ? b : b instanceof ImmutableMap ? b.map : undefined;
    if (!bm || am.size !== bm.size) return false;
    for (const [k, v] of am) if (!bm.has(k) || !equals(v, bm.get(k))) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof TTime) return b instanceof TTime && a.ns === b.ns;
  if (a instanceof TError) return false;
  return false;
}

/** Unary `-`, `+`, `^` (`!` is compiled directly). */
export function unaryOp(op: string, v: Value): Value {
  if (isInt(v)) {
    if (op === '-') return I.neg(v);
    if (op === '+') return v;
    if (op === '^') return I.not(v);
  }
  if (v instanceof TFloat) {
    if (op === '-') return new TFloat(-v.v);
    if (op === '+') return v;
  }
  throw runtimeError(`invalid operation: ${op}${typeName(v)}`);
}
