/**
 * Tengo's `json` module (stdlib-json.md): decode, encode, indent, html_escape. Our own parser keeps
 * integers as ints (exactly, up to int64) and other numbers as floats, and bounds nesting depth.
 */
import { toBytesValue } from '../convert';
import { formatFloatShortest } from '../float-format';
import { parseInt64 } from '../int64';
import type { Machine } from '../machine';
import { timeString } from '../time-format';
import { fromBytes, toBytes } from '../utf8';
import { arrayItems, mapEntries, newArray, TChar, TError, TFloat, TTime, type ImmutableMap, type Value } from '../values';
import { argCount, badArg, moduleOf, strArg } from './args';

const MAX_DEPTH = 1000;

class JsonError extends Error {}

/** Parses JSON text into Tengo values; throws JsonError with the offset of the problem. */
export function decodeJson(text: string): Value {
  let i = 0;
  const fail = (what: string): never => {
    throw new JsonError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const value = (depth: number): Value => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const m = new Map<string, Value>();
      ws();
      if (text[i] === '}') {
        i++;
        return m;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected string key');
        const k = string();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        m.set(k, value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return m;
        } else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return newArray(a);
      }
      for (;;) {
        a.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return newArray(a);
        } else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), undefined;
    const num = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!num) return fail(c === undefined ? 'unexpected end of JSON input' : `invalid character '${c}'`);
    i += num[0].length;
    if (!num[2] && !num[3]) {
      const n = parseInt64(num[0]);
      if (n !== undefined) return n;
    }
    return new TFloat(Number(num[0]));
  };
  const string = (): string => {
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unexpected end of JSON input');
      if (c === '"') break;
      if (c! < ' ') fail('invalid control character in string');
      if (c === '\\') {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('invalid escape in string');
        continue;
      }
      out += c;
      i++;
    }
    i++;
    return out;
  };
  const v = value(0);
  ws();
  if (i < text.length) fail(`invalid character '${text[i]}' after top-level value`);
  return v;
}

function jsonNumber(x: number): string {
  if (!Number.isFinite(x)) throw new JsonError(`json: unsupported value: ${formatFloatShortest(x)}`);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) return String(x).replace(/e([+-])0*(\d)/, 'e$1$2');
  return formatFloatShortest(x);
}

const jsonString = (s: string) => JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/** Encodes a Tengo value as JSON text (undefined → null, bytes → base64, time → RFC 3339). */
export function encodeJson(v: Value, depth = 0): string {
  if (depth > MAX_DEPTH) throw new JsonError('json: nesting too deep');
  if (v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return jsonString(v);
  if (v instanceof TFloat) return jsonNumber(v.v);
  if (v instanceof TChar) return String(v.cp);
  if (v instanceof Uint8Array) return jsonString(Buffer.from(v).toString('base64'));
  if (v instanceof TTime) return jsonString(timeString(v));
  if (v instanceof TError) return encodeJson(v.value, depth + 1);
  const items = arrayItems(v);
  if (items) return `[${items.map((x) => encodeJson(x, depth + 1)).join(',')}]`;
  const m = mapEntries(v);
  if (m) return `{${[...m].map(([k, x]) => `${jsonString(k)}:${encodeJson(x, depth + 1)}`).join(',')}}`;
  throw new JsonError('json: unsupported type: function');
}

function textArg(args: Value[], i: number): string {
  const b = toBytesValue(args[i]);
  if (!b) throw badArg(i, 'string/bytes', args[i]);
  return typeof args[i] === 'string' ? (args[i] as string) : fromBytes(b);
}

const asError = (e: unknown): Value => {
  if (e instanceof JsonError) return new TError(e.message);
  throw e;
};

export function jsonModule(m: Machine): ImmutableMap {
  return moduleOf({
    decode: (args) => {
      argCount(args, 1);
      try {
        return decodeJson(textArg(args, 0));
      } catch (e) {
        return asError(e);
      }
    },
    encode: (args) => {
      argCount(args, 1);
      try {
        const s = encodeJson(args[0]);
        m.checkBytes(s.length);
        return toBytes(s);
      } catch (e) {
        return asError(e);
      }
    },
    indent: (args) => {
      argCount(args, 1, 3);
      const prefix = args.length > 1 ? strArg(args, 1) : '';
      const indent = args.length > 2 ? strArg(args, 2) : '  ';
      try {
        const v = decodeJson(textArg(args, 0));
        return toBytes(indentJson(v, prefix, indent, 0));
      } catch (e) {
        return asError(e);
      }
    },
    html_escape: (args) => {
      argCount(args, 1);
      const s = textArg(args, 0).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return toBytes(s);
    },
  });
}

function indentJson(v: Value, prefix: string, indent: string, level: number): string {
  const nl = `\n${prefix}${indent.repeat(level + 1)}`;
  const end = `\n${prefix}${indent.repeat(level)}`;
  const items = arrayItems(v);
  if (items) return items.length === 0 ? '[]' : `[${items.map((x) => nl + indentJson(x, prefix, indent, level + 1)).join(',')}${end}]`;
  const m = mapEntries(v);
  if (m) return m.size === 0 ? '{}' : `{${[...m].map(([k, x]) => `${nl}${jsonString(k)}: ${indentJson(x, prefix, indent, level + 1)}`).join(',')}${end}}`;
  return encodeJson(v);
}
