/**
 * `format(f, args...)` / `fmt.sprintf`: Go's fmt verbs as Tengo's formatting.md describes them
 * (%v %T %% %t %b %c %d %o %O %q %x %X %U %e %E %f %F %g %G %s; flags + - # space 0; width and
 * precision, `*` included). Bad verbs print Go's `%!v(type=value)` markers instead of failing.
 */
import { formatExp, formatFixed, formatGeneral } from './float-format';
import { quote, quoteRune, str } from './to-string';
import { fromBytes, runes, toBytes } from './utf8';
import { TChar, TFloat, typeName, type Value } from './values';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

function pad(s: string, f: Spec, numeric = false): string {
  const w = f.width ?? 0;
  if (w === 0) return s;
  const len = runes(s).length;
  if (len >= w) return s;
  if (f.minus) return s + ' '.repeat(w - len);
  if (f.zero && numeric) {
    const m = /^[+\- ]?(0[xXbBoO])?/.exec(s)![0];
    return m + '0'.repeat(w - len) + s.slice(m.length);
  }
  return ' '.repeat(w - len) + s;
}

/** Go's marker for a value the verb does not fit, the value shown as %v would. */
function bad(f: Spec, v: Value): string {
  return `%!${f.verb}(${typeName(v)}=${plain(v)})`;
}

const plain = (v: Value) => (typeof v === 'string' ? v : str(v));

function signed(neg: boolean, body: string, f: Spec): string {
  return (neg ? '-' : f.plus ? '+' : f.space ? ' ' : '') + body;
}

function fmtInt(n: number | bigint, f: Spec, v: Value): string {
  const neg = n < 0;
  // Safe ints stay numbers (no BigInt per %d); toString(radix) is exact for both.
  const a = typeof n === 'number' ? Math.abs(n) : neg ? -n : n;
  let body: string;
  switch (f.verb) {
    case 'd':
    case 'v':
      body = a.toString(10);
      break;
    case 'b':
      body = (f.sharp ? '0b' : '') + a.toString(2);
      break;
    case 'o':
      body = (f.sharp ? '0' : '') + a.toString(8);
      break;
    case 'O':
      body = `0o${a.toString(8)}`;
      break;
    case 'x':
      body = (f.sharp ? '0x' : '') + a.toString(16);
      break;
    case 'X':
      body = (f.sharp ? '0X' : '') + a.toString(16).toUpperCase();
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), f);
    case 'q':
      return pad(quoteRune(Number(n)), f);
    case 'U': {
      const u = `U+${a.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(f.sharp ? `${u} '${String.fromCodePoint(Number(n))}'` : u, f);
    }
    default:
      return bad(f, v);
  }
  if (f.prec !== undefined) {
    const m = /^(0[xXbBoO]|0)?/.exec(body)![0];
    const digits = body.slice(m.length);
    body = m + digits.padStart(f.prec, '0');
    if (f.prec === 0 && Number(a) === 0) body = '';
  }
  return pad(signed(neg, body, f), f, f.prec === undefined);
}

function fmtFloat(x: number, f: Spec, v: Value): string {
  let s: string;
  switch (f.verb) {
    case 'v':
    case 'g':
      s = formatGeneral(x, f.prec ?? -1, false, f.sharp);
      break;
    case 'G':
      s = formatGeneral(x, f.prec ?? -1, true, f.sharp);
      break;
    case 'e':
    case 'E':
      s = formatExp(x, f.prec ?? 6, f.verb === 'E');
      break;
    case 'f':
    case 'F':
      s = formatFixed(x, f.prec ?? 6);
      break;
    default:
      return bad(f, v);
  }
  if (!s.startsWith('-') && !Number.isNaN(x)) {
    if (f.plus) s = s.startsWith('+') ? s : `+${s}`;
    else if (f.space) s = ` ${s}`;
  }
  return pad(s, f, Number.isFinite(x));
}

function fmtText(s: string, f: Spec, v: Value): string {
  const cut = (t: string) => (f.prec !== undefined ? runes(t).slice(0, f.prec).map((c) => String.fromCodePoint(c)).join('') : t);
  switch (f.verb) {
    case 'v':
    case 's':
      return pad(cut(s), f);
    case 'q':
      return pad(f.sharp && !/[`\n\r]/.test(s) ? `\`${cut(s)}\`` : quote(cut(s), f.plus), f);
    case 'x':
    case 'X': {
      let bytes = toBytes(s);
      if (f.prec !== undefined) bytes = bytes.subarray(0, f.prec);
      const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0'));
      let out = hex.join(f.space ? ' ' : '');
      if (f.sharp) out = f.space ? hex.map((h) => `0x${h}`).join(' ') : `0x${out}`;
      return pad(f.verb === 'X' ? out.toUpperCase() : out, f);
    }
  }
  return bad(f, v);
}

function formatOne(v: Value, f: Spec): string {
  if (f.verb === 'T') return pad(typeName(v), f);
  if (typeof v === 'number' || typeof v === 'bigint') return fmtInt(v, f, v);
  if (v instanceof TChar) return f.verb === 'v' ? pad(String(v.cp), f) : fmtInt(v.cp, f, v);
  if (v instanceof TFloat) return fmtFloat(v.v, f, v);
  if (typeof v === 'boolean') return f.verb === 't' || f.verb === 'v' ? pad(String(v), f) : bad(f, v);
  if (typeof v === 'string') return fmtText(v, f, v);
  if (v instanceof Uint8Array) return fmtText(fromBytes(v), f, v);
  if (f.verb === 'v' || f.verb === 's') return pad(str(v), f);
  if (f.verb === 'q') return pad(quote(str(v)), f);
  return bad(f, v);
}

/** Formats like Go's fmt.Sprintf over Tengo values. */
export function format(fmt: string, args: Value[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, pct);
    i = pct + 1;
    const f: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false, verb: '' };
    for (; i < n; i++) {
      const c = fmt[i];
      if (c === '+') f.plus = true;
      else if (c === '-') f.minus = true;
      else if (c === '#') f.sharp = true;
      else if (c === ' ') f.space = true;
      else if (c === '0') f.zero = true;
      else break;
    }
    const num = (): number | undefined => {
      if (fmt[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'number' ? a : undefined;
      }
      const m = /^\d+/.exec(fmt.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    f.width = num();
    if (f.width !== undefined && f.width < 0) {
      f.minus = true;
      f.width = -f.width;
    }
    if (fmt[i] === '.') {
      i++;
      f.prec = num() ?? 0;
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(fmt.codePointAt(i)!);
    i += verb.length;
    f.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(args[argi++], f);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${typeName(a)}=${plain(a)}`)
      .join(', ')})`;
  }
  return out;
}
