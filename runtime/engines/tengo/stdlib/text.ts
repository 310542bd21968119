/** The `text` module (stdlib-text.md): Go's strings and strconv functions, plus regexp (text-regexp.ts). */
import { runtimeError } from '../errors';
import { formatExp, formatFixed, formatFloatShortest, formatGeneral } from '../float-format';
import { parseBigInt, parseInt64 } from '../int64';
import type { Machine } from '../machine';
import { quote } from '../to-string';
import { parseFloat64 } from '../convert';
import { byteLength, isAscii, runes } from '../utf8';
import { arrayItems, newArray, TError, TFloat, type ImmutableMap, type Value } from '../values';
import { argCount, badArg, fixed, float, floatArg, intArg, moduleOf, numArg, strArg } from './args';
import { regexpFunctions } from './text-regexp';
import { toText } from '../to-string';

/** A JS string index as Go's byte index. */
const byteIndex = (s: string, i: number) => (i < 0 || isAscii(s) ? i : byteLength(s.slice(0, i)));

const SPACE = /[\s\u0085]/u;
const isSpace = (c: string) => SPACE.test(c);

function splitN(s: string, sep: string, n: number, after: boolean): string[] {
  if (n === 0) return [];
  const out: string[] = [];
  if (sep === '') {
    const cs = [...s];
    if (n > 0 && cs.length > n) return [...cs.slice(0, n - 1), cs.slice(n - 1).join('')];
    return cs;
  }
  let rest = s;
  while (n < 0 || out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, after ? i + sep.length : i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}

function replaceN(s: string, old: string, rep: string, n: number): string {
  if (n === 0 || old === rep) return s;
  if (old === '') {
    const cs = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= cs.length; i++) {
      if (n < 0 || done < n) {
        out += rep;
        done++;
      }
      out += cs[i] ?? '';
    }
    return out;
  }
  let out = '';
  let rest = s;
  let done = 0;
  while (n < 0 || done < n) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + rep;
    rest = rest.slice(i + old.length);
    done++;
  }
  return out + rest;
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const set = new Set(cutset);
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  while (left && a < b && set.has(cs[a]!)) a++;
  while (right && b > a && set.has(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    const sep = !/[\p{L}\p{N}_]/u.test(prev);
    out += sep ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

const syntaxError = (fn: string, s: string) => new TError(`strconv.${fn}: parsing ${quote(s)}: invalid syntax`);

function parseIntValue(s: string, base: number, bits: number, fn: string): Value {
  const v = parseInt64(s, base);
  if (v === undefined) {
    return parseBigInt(s, base) === undefined ? syntaxError(fn, s) : new TError(`strconv.${fn}: parsing ${quote(s)}: value out of range`);
  }
  if (bits > 0 && bits < 64) {
    const lim = 2n ** BigInt(bits - 1);
    if (BigInt(v) >= lim || BigInt(v) < -lim) return new TError(`strconv.${fn}: parsing ${quote(s)}: value out of range`);
  }
  return v;
}

/** Go's strconv.Unquote for "…", `…` and '…'. */
function unquote(s: string): Value {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q) return new TError('invalid syntax');
  if (q === '`') return s.includes('`', 1) && s.indexOf('`', 1) !== s.length - 1 ? new TError('invalid syntax') : s.slice(1, -1).replaceAll('\r', '');
  if (q !== '"' && q !== "'") return new TError('invalid syntax');
  try {
    const body = s.slice(1, -1);
    if (q === "'") {
      const inner = body === '"' ? '"' : (JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string);
      return [...inner].length === 1 ? inner : new TError('invalid syntax');
    }
    return JSON.parse(`"${body.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')}"`) as string;
  } catch {
    return new TError('invalid syntax');
  }
}

function formatFloat(f: number, fmt: string, prec: number): string {
  switch (fmt) {
    case 'f':
      return prec < 0 ? formatFloatShortest(f) : formatFixed(f, prec);
    case 'e':
    case 'E':
      return formatExp(f, prec, fmt === 'E');
    case 'g':
    case 'G':
      return formatGeneral(f, prec, fmt === 'G');
  }
  return `%${fmt}`;
}

export function textModule(m: Machine): ImmutableMap {
  const s1 = (f: (s: string) => Value) => fixed(1, (a) => f(strArg(a, 0)));
  const s2 = (f: (s: string, t: string) => Value) => fixed(2, (a) => f(strArg(a, 0), strArg(a, 1)));
  const padder = (left: boolean) => (args: Value[]) => {
    argCount(args, 2, 3);
    const s = strArg(args, 0);
    const n = numArg(args, 1);
    const w = args.length > 2 ? strArg(args, 2) : ' ';
    const len = runes(s).length;
    if (n <= len || w === '') return s;
    m.checkBytes(n);
    const fill = w.repeat(Math.ceil((n - len) / runes(w).length));
    const pad = [...fill].slice(0, n - len).join('');
    return left ? pad + s : s + pad;
  };
  return moduleOf({
    ...regexpFunctions(),
    compare: s2((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    contains: s2((a, b) => a.includes(b)),
    contains_any: s2((a, b) => [...b].some((c) => a.includes(c))),
    count: s2((a, b) => (b === '' ? runes(a).length + 1 : a.split(b).length - 1)),
    equal_fold: s2((a, b) => a.toLowerCase() === b.toLowerCase()),
    fields: s1((s) => newArray(s.split(/[\s\u0085]+/u).filter((x) => x !== ''))),
    has_prefix: s2((a, b) => a.startsWith(b)),
    has_suffix: s2((a, b) => a.endsWith(b)),
    index: s2((a, b) => byteIndex(a, a.indexOf(b))),
    index_any: s2((a, b) => {
      const i = [...a].findIndex((c) => b.includes(c));
      return i < 0 ? -1 : byteLength([...a].slice(0, i).join(''));
    }),
    join: fixed(2, (a) => {
      const items = arrayItems(a[0]);
      if (!items) throw badArg(0, 'array', a[0]);
      const sep = strArg(a, 1);
      const s = items.map(toText).join(sep);
      m.checkBytes(s.length);
      return s;
    }),
    last_index: s2((a, b) => byteIndex(a, a.lastIndexOf(b))),
    last_index_any: s2((a, b) => {
      const cs = [...a];
      for (let i = cs.length - 1; i >= 0; i--) if (b.includes(cs[i]!)) return byteLength(cs.slice(0, i).join(''));
      return -1;
    }),
    repeat: fixed(2, (a) => {
      const s = strArg(a, 0);
      const n = numArg(a, 1);
      if (n < 0) throw runtimeError('negative repeat count');
      m.checkBytes(s.length * n);
      return s.repeat(n);
    }),
    replace: fixed(4, (a) => {
      const s = replaceN(strArg(a, 0), strArg(a, 1), strArg(a, 2), numArg(a, 3));
      m.checkBytes(s.length);
      return s;
    }),
    substr: (args) => {
      argCount(args, 2, 3);
      const rs = [...strArg(args, 0)];
      const lo = numArg(args, 1);
      const hi = args.length > 2 ? numArg(args, 2) : rs.length;
      if (lo < 0 || hi < lo) throw runtimeError(`invalid substring range [${lo}:${hi}]`);
      return rs.slice(lo, Math.min(hi, rs.length)).join('');
    },
    split: s2((a, b) => newArray(splitN(a, b, -1, false))),
    split_after: s2((a, b) => newArray(splitN(a, b, -1, true))),
    split_after_n: fixed(3, (a) => newArray(splitN(strArg(a, 0), strArg(a, 1), numArg(a, 2), true))),
    split_n: fixed(3, (a) => newArray(splitN(strArg(a, 0), strArg(a, 1), numArg(a, 2), false))),
    title: s1(title),
    to_lower: s1((s) => s.toLowerCase()),
    to_title: s1((s) => s.toUpperCase()),
    to_upper: s1((s) => s.toUpperCase()),
    pad_left: padder(true),
    pad_right: padder(false),
    trim: s2((a, b) => trimSet(a, b, true, true)),
    trim_left: s2((a, b) => trimSet(a, b, true, false)),
    trim_prefix: s2((a, b) => (a.startsWith(b) ? a.slice(b.length) : a)),
    trim_right: s2((a, b) => trimSet(a, b, false, true)),
    trim_space: s1((s) => {
      const cs = [...s];
      let i = 0;
      let j = cs.length;
      while (i < j && isSpace(cs[i]!)) i++;
      while (j > i && isSpace(cs[j - 1]!)) j--;
      return cs.slice(i, j).join('');
    }),
    trim_suffix: s2((a, b) => (b !== '' && a.endsWith(b) ? a.slice(0, -b.length) : a)),
    atoi: s1((s) => parseIntValue(s, 10, 64, 'Atoi')),
    format_bool: fixed(1, (a) => (a[0] === true ? 'true' : a[0] === false ? 'false' : (() => { throw badArg(0, 'bool', a[0]); })())),
    format_float: fixed(4, (a) => formatFloat(floatArg(a, 0), strArg(a, 1), numArg(a, 2))),
    format_int: fixed(2, (a) => {
      const base = numArg(a, 1);
      if (base < 2 || base > 36) throw runtimeError(`invalid base: ${base}`);
      return BigInt(intArg(a, 0)).toString(base);
    }),
    itoa: fixed(1, (a) => String(intArg(a, 0))),
    parse_bool: s1((s) => {
      if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
      if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
      return syntaxError('ParseBool', s);
    }),
    parse_float: fixed(2, (a) => {
      const s = strArg(a, 0);
      const f = parseFloat64(s);
      if (f === undefined) return syntaxError('ParseFloat', s);
      return numArg(a, 1) === 32 ? new TFloat(Math.fround(f)) : float(f);
    }),
    parse_int: fixed(3, (a) => parseIntValue(strArg(a, 0), numArg(a, 1), numArg(a, 2), 'ParseInt')),
    quote: s1((s) => quote(s)),
    unquote: s1(unquote),
  });
}
