/** Go's float formatting (strconv.FormatFloat's 'f', 'e' and 'g'), which Tengo prints with. */

/** Shortest digits that identify `x` (positive, finite) and the decimal exponent of the first one. */
function shortest(x: number): { digits: string; exp: number } {
  const [m, e] = x.toExponential().split('e') as [string, string];
  return { digits: m.replace('.', ''), exp: Number(e) };
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

const sign = (x: number) => (x < 0 || Object.is(x, -0) ? '-' : '');

/** Places the decimal point in shortest digits: no exponent. */
function fixedFromDigits(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go exponent: sign and at least two digits (`e+06`). */
function goExp(e: number, upper = false): string {
  const s = `${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return (upper ? 'E' : 'e') + s;
}

/** strconv.FormatFloat(x, 'f', -1, 64): how Tengo's float String() prints. */
export function formatFloatShortest(x: number): string {
  const sp = special(x);
  if (sp) return sp;
  if (x === 0) return `${sign(x)}0`;
  const { digits, exp } = shortest(Math.abs(x));
  return sign(x) + fixedFromDigits(digits, exp);
}

/** %f with a precision (digits after the point). */
export function formatFixed(x: number, prec: number): string {
  const sp = special(x);
  if (sp) return sp;
  const a = Math.abs(x);
  let s: string;
  if (prec <= 100 && a < 1e21) s = a.toFixed(prec);
  else {
    const { digits, exp } = shortest(a);
    const whole = fixedFromDigits(digits, exp);
    const [i, f = ''] = whole.split('.');
    s = prec > 0 ? `${i}.${f.padEnd(prec, '0').slice(0, prec)}` : i!;
  }
  return sign(x) + s;
}

/** %e with a precision, or the shortest digits when prec is -1. */
export function formatExp(x: number, prec: number, upper = false): string {
  const sp = special(x);
  if (sp) return sp;
  const a = Math.abs(x);
  const raw = prec < 0 ? a.toExponential() : a.toExponential(Math.min(prec, 100));
  const [m, e] = raw.split('e') as [string, string];
  return sign(x) + m + goExp(Number(e), upper);
}

/** %g: %e for large exponents, %f otherwise; prec -1 is the shortest representation (Go's %v). */
export function formatGeneral(x: number, prec: number, upper = false, keepZeros = false): string {
  const sp = special(x);
  if (sp) return sp;
  if (x === 0) return `${sign(x)}0`;
  const a = Math.abs(x);
  let digits: string;
  let exp: number;
  if (prec < 0) ({ digits, exp } = shortest(a));
  else {
    const p = Math.max(prec, 1);
    const [m, e] = a.toExponential(Math.min(p - 1, 100)).split('e') as [string, string];
    digits = m.replace('.', '');
    exp = Number(e);
    if (!keepZeros) digits = digits.replace(/0+$/, '') || '0';
  }
  const eprec = prec < 0 ? 6 : Math.max(prec, 1);
  if (exp < -4 || exp >= eprec) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return sign(x) + m + goExp(exp, upper);
  }
  return sign(x) + fixedFromDigits(digits, exp);
}
