/** Special functions Go's math package has and JavaScript's Math lacks (erf, gamma, Bessel). */

/** Error function, to about 1e-15 (series near 0, continued fraction for the tail). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x > 6) return 1;
  if (x < 2.5) {
    // Maclaurin series: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  return 1 - erfc(x);
}

/** Complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 2.5) return 1 - erf(x);
  if (x > 27) return 0;
  // Lentz's continued fraction for erfc(x) * exp(x^2) * sqrt(pi).
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Gamma function (Lanczos approximation, reflection for x < 0.5). */
export function gamma(x: number): number {
  if (Number.isInteger(x)) {
    if (x <= 0) return NaN;
    if (x < 171) {
      let r = 1;
      for (let i = 2; i < x; i++) r *= i;
      return r;
    }
    return Infinity;
  }
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return Math.sqrt(2 * Math.PI) * t ** (z + 0.5) * Math.exp(-t) * a;
}

/** Bessel function of the first kind, order n (series for small x, asymptotic for large). */
export function besselJ(n: number, x: number): number {
  if (n < 0) return (n % 2 === 0 ? 1 : -1) * besselJ(-n, x);
  if (Math.abs(x) > 25 + n * n) {
    const w = x - (n * Math.PI) / 2 - Math.PI / 4;
    return Math.sqrt(2 / (Math.PI * x)) * Math.cos(w);
  }
  let term = (x / 2) ** n;
  for (let i = 2; i <= n; i++) term /= i;
  let sum = term;
  for (let k = 1; k < 300; k++) {
    term *= (-(x * x) / 4) / (k * (k + n));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** Bessel function of the second kind, order n (from J by numerical limit for integer n). */
export function besselY(n: number, x: number): number {
  if (x < 0) return NaN;
  if (x === 0) return -Infinity;
  const e = 1e-7;
  const v = n + e;
  const jv = besselJnu(v, x);
  const jmv = besselJnu(-v, x);
  return (jv * Math.cos(v * Math.PI) - jmv) / Math.sin(v * Math.PI);
}

function besselJnu(v: number, x: number): number {
  let sum = 0;
  for (let k = 0; k < 300; k++) {
    const term = ((k % 2 === 0 ? 1 : -1) * (x / 2) ** (2 * k + v)) / (gamma(k + 1) * gamma(k + v + 1));
    sum += term;
    if (k > 5 && Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}
