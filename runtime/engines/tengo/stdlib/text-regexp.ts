/**
 * The text module's regular expressions. Patterns are Go's (RE2) syntax, run by re2js, a port of
 * RE2: matching takes linear time, so no pattern a spell supplies can backtrack for ever.
 */
import { RE2JS } from 're2js';
import { byteLength, isAscii } from '../utf8';
import { newArray, TError, type ImmutableMap, type Value } from '../values';
import { argCount, moduleOf, numArg, strArg } from './args';

const cache = new Map<string, RE2JS>();

/** Compiles (or reuses) a pattern; throws Go's "error parsing regexp: …" message. */
export function compileRegexp(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (cache.size >= 64) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

const errorValue = (e: unknown): TError => new TError(e instanceof Error ? e.message : String(e));

/** Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
function expand(repl: string, group: (name: string) => string): string {
  return repl.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, d: string, braced?: string, bare?: string) => {
    if (d === '$') return '$';
    return group(braced ?? bare ?? '');
  });
}

function groupValue(m: ReturnType<RE2JS['matcher']>, name: string): string {
  try {
    return (/^\d+$/.test(name) ? m.group(Number(name)) : m.group(name)) ?? '';
  } catch {
    return '';
  }
}

export function replaceAll(re: RE2JS, src: string, repl: string): string {
  const m = re.matcher(src);
  let out = '';
  let last = 0;
  while (m.find()) {
    out += src.slice(last, m.start()) + expand(repl, (n) => groupValue(m, n));
    last = m.end();
    if (m.end() === m.start() && m.end() >= src.length) break;
  }
  return out + src.slice(last);
}

/** Go's FindAllStringSubmatchIndex as Tengo shows it: [[{text, begin, end}, …], …] in byte offsets. */
export function findAll(re: RE2JS, text: string, count: number): Value {
  const m = re.matcher(text);
  const ascii = isAscii(text);
  const off = (i: number) => (ascii ? i : byteLength(text.slice(0, i)));
  const out: Value[] = [];
  while ((count < 0 || out.length < count) && m.find()) {
    const groups: Value[] = [];
    for (let g = 0; g <= m.groupCount(); g++) {
      const s = m.start(g);
      if (s < 0) {
        groups.push(new Map<string, Value>([['text', ''], ['begin', -1], ['end', -1]]));
        continue;
      }
      groups.push(new Map<string, Value>([['text', m.group(g) ?? ''], ['begin', off(s)], ['end', off(m.end(g))]]));
    }
    out.push(newArray(groups));
  }
  return out.length ? newArray(out) : undefined;
}

/** Go's Regexp.Split(s, n). */
export function split(re: RE2JS, text: string, n: number): Value {
  if (n === 0) return newArray([]);
  if (re.pattern() === '' && text === '') return newArray(['']);
  const m = re.matcher(text);
  const out: Value[] = [];
  let beg = 0;
  while ((n < 0 || out.length < n - 1) && m.find()) {
    if (m.end() === 0) continue;
    out.push(text.slice(beg, m.start()));
    beg = m.end();
  }
  out.push(text.slice(beg));
  return newArray(out);
}

/** A compiled Regexp value: an immutable map of match, find, replace, split. */
function regexpObject(re: RE2JS): ImmutableMap {
  return moduleOf({
    match: (args) => {
      argCount(args, 1);
      return re.test(strArg(args, 0));
    },
    find: (args) => {
      argCount(args, 1, 2);
      return findAll(re, strArg(args, 0), args.length > 1 ? numArg(args, 1) : 1);
    },
    replace: (args) => {
      argCount(args, 2);
      return replaceAll(re, strArg(args, 0), strArg(args, 1));
    },
    split: (args) => {
      argCount(args, 1, 2);
      return split(re, strArg(args, 0), args.length > 1 ? numArg(args, 1) : -1);
    },
  });
}

/** The re_* functions of the text module. */
export function regexpFunctions(): Record<string, (args: Value[]) => Value> {
  const withRe = (f: (re: RE2JS, args: Value[]) => Value) => (args: Value[]) => {
    let re: RE2JS;
    try {
      re = compileRegexp(strArg(args, 0));
    } catch (e) {
      return errorValue(e);
    }
    return f(re, args);
  };
  return {
    re_match: (args) => {
      argCount(args, 2);
      return withRe((re, a) => re.test(strArg(a, 1)))(args);
    },
    re_find: (args) => {
      argCount(args, 2, 3);
      return withRe((re, a) => findAll(re, strArg(a, 1), a.length > 2 ? numArg(a, 2) : 1))(args);
    },
    re_replace: (args) => {
      argCount(args, 3);
      return withRe((re, a) => replaceAll(re, strArg(a, 1), strArg(a, 2)))(args);
    },
    re_split: (args) => {
      argCount(args, 2, 3);
      return withRe((re, a) => split(re, strArg(a, 1), a.length > 2 ? numArg(a, 2) : -1))(args);
    },
    re_compile: (args) => {
      argCount(args, 1);
      return withRe((re) => regexpObject(re))(args);
    },
  };
}
