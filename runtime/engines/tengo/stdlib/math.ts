/** The `math` module (stdlib-math.md): Go's math constants and functions over floats. */
import type { ImmutableMap, Value } from '../values';
import { fixed, float, floatArg, moduleOf, numArg } from './args';
import { besselJ, besselY, erf, erfc, gamma } from './math-special';

const f1 = (fn: (x: number) => number) => fixed(1, (a) => float(fn(floatArg(a, 0))));
const f2 = (fn: (x: number, y: number) => number) => fixed(2, (a) => float(fn(floatArg(a, 0), floatArg(a, 1))));

const buf = new DataView(new ArrayBuffer(8));
const bits = (x: number): bigint => {
  buf.setFloat64(0, x);
  return buf.getBigUint64(0);
};
const fromBits = (b: bigint): number => {
  buf.setBigUint64(0, BigInt.asUintN(64, b));
  return buf.getFloat64(0);
};

function nextafter(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return x;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  return fromBits(bits(x) + ((y > x) === (x > 0) ? 1n : -1n));
}

/** The binary exponent of x (Go's Logb/Ilogb). */
function logb(x: number): number {
  if (x === 0) return -Infinity;
  if (!Number.isFinite(x)) return Infinity;
  if (Number.isNaN(x)) return NaN;
  return Math.floor(Math.log2(Math.abs(x)));
}

/** IEEE 754 remainder: x - n*y with n the integer nearest x/y (ties to even). */
function remainder(x: number, y: number): number {
  const q = x / y;
  let n = Math.round(q);
  if (Math.abs(q - Math.trunc(q)) === 0.5) n = 2 * Math.round(q / 2);
  return x - n * y;
}

export function mathModule(): ImmutableMap {
  return moduleOf({
    e: float(Math.E),
    pi: float(Math.PI),
    phi: float((1 + Math.sqrt(5)) / 2),
    sqrt2: float(Math.SQRT2),
    sqrtE: float(Math.sqrt(Math.E)),
    sqrtPi: float(Math.sqrt(Math.PI)),
    sqrtPhi: float(Math.sqrt((1 + Math.sqrt(5)) / 2)),
    ln2: float(Math.LN2),
    log2E: float(Math.LOG2E),
    ln10: float(Math.LN10),
    log10E: float(Math.LOG10E),
    abs: f1(Math.abs),
    acos: f1(Math.acos),
    acosh: f1(Math.acosh),
    asin: f1(Math.asin),
    asinh: f1(Math.asinh),
    atan: f1(Math.atan),
    atan2: f2(Math.atan2),
    atanh: f1(Math.atanh),
    cbrt: f1(Math.cbrt),
    ceil: f1(Math.ceil),
    copysign: f2((x, y) => (y < 0 || Object.is(y, -0) ? -Math.abs(x) : Math.abs(x))),
    cos: f1(Math.cos),
    cosh: f1(Math.cosh),
    dim: f2((x, y) => Math.max(x - y, 0)),
    erf: f1(erf),
    erfc: f1(erfc),
    exp: f1(Math.exp),
    exp2: f1((x) => 2 ** x),
    expm1: f1(Math.expm1),
    floor: f1(Math.floor),
    gamma: f1(gamma),
    hypot: f2(Math.hypot),
    ilogb: fixed(1, (a): Value => {
      const l = logb(floatArg(a, 0));
      return Number.isFinite(l) ? l : l > 0 ? 2147483647 : -2147483648;
    }),
    inf: fixed(1, (a) => float(numArg(a, 0) >= 0 ? Infinity : -Infinity)),
    is_inf: fixed(2, (a) => {
      const f = floatArg(a, 0);
      const s = numArg(a, 1);
      return (s >= 0 && f === Infinity) || (s <= 0 && f === -Infinity);
    }),
    is_nan: fixed(1, (a) => Number.isNaN(floatArg(a, 0))),
    j0: f1((x) => besselJ(0, x)),
    j1: f1((x) => besselJ(1, x)),
    jn: fixed(2, (a) => float(besselJ(numArg(a, 0), floatArg(a, 1)))),
    ldexp: fixed(2, (a) => float(floatArg(a, 0) * 2 ** numArg(a, 1))),
    log: f1(Math.log),
    log10: f1(Math.log10),
    log1p: f1(Math.log1p),
    log2: f1(Math.log2),
    logb: f1(logb),
    max: f2((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.max(x, y))),
    min: f2((x, y) => (Number.isNaN(x) || Number.isNaN(y) ? NaN : Math.min(x, y))),
    mod: f2((x, y) => x % y),
    nan: fixed(0, () => float(NaN)),
    nextafter: f2(nextafter),
    pow: f2((x, y) => x ** y),
    pow10: fixed(1, (a) => float(10 ** numArg(a, 0))),
    remainder: f2(remainder),
    signbit: fixed(1, (a) => {
      const x = floatArg(a, 0);
      return x < 0 || Object.is(x, -0);
    }),
    sin: f1(Math.sin),
    sinh: f1(Math.sinh),
    sqrt: f1(Math.sqrt),
    tan: f1(Math.tan),
    tanh: f1(Math.tanh),
    trunc: f1(Math.trunc),
    y0: f1((x) => besselY(0, x)),
    y1: f1((x) => besselY(1, x)),
    yn: fixed(2, (a) => float(besselY(numArg(a, 0), floatArg(a, 1)))),
  });
}
