/** How Tengo shows values: Object.String() (strings quoted) and ToString (strings as they are). */
import { formatFloatShortest } from './float-format';
import { timeString } from './time-format';
import { ImmutableArray, ImmutableMap, itemsOf, TArray, TBuiltin, TChar, TError, TFloat, TFunction, TTime, type Value } from './values';

const decoder = new TextDecoder();

/** Go's strconv.Quote: a double-quoted literal with Go escapes. */
export function quote(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"': out += '\\"'; continue;
      case '\\': out += '\\\\'; continue;
      case '\n': out += '\\n'; continue;
      case '\t': out += '\\t'; continue;
      case '\r': out += '\\r'; continue;
      case '\x07': out += '\\a'; continue;
      case '\b': out += '\\b'; continue;
      case '\f': out += '\\f'; continue;
      case '\v': out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xfeff || (ascii && cp > 0x7f)) {
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Go's strconv.QuoteRune: `'x'`. */
export function quoteRune(cp: number): string {
  if (cp === 0x27) return "'\\''";
  if (cp === 0x22) return `'"'`;
  const q = quote(String.fromCodePoint(cp));
  return `'${q.slice(1, -1)}'`;
}

/** Object.String(): what `%v`, arrays and maps show for a value (strings quoted). */
export function str(v: Value): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return String(v);
    case 'string':
      return quote(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<undefined>';
  }
  if (v instanceof TFloat) return formatFloatShortest(v.v);
  if (v instanceof TArray) return `[${itemsOf(v).map(str).join(', ')}]`;
  if (v instanceof Map) return mapString(v);
  if (v instanceof TChar) return String.fromCodePoint(v.cp);
  if (v instanceof Uint8Array) return decoder.decode(v);
  if (v instanceof ImmutableArray) return `[${v.items.map(str).join(', ')}]`;
  if (v instanceof ImmutableMap) return mapString(v.map);
  if (v instanceof TError) return `error: ${str(v.value)}`;
  if (v instanceof TTime) return timeString(v);
  if (v instanceof TFunction) return '<compiled-function>';
  if (v instanceof TBuiltin) return '<builtin-function>';
  return '<unknown>';
}

function mapString(m: Map<string, Value>): string {
  const parts: string[] = [];
  for (const [k, v] of m) parts.push(`${k}: ${str(v)}`);
  return `{${parts.join(', ')}}`;
}

/** ToString: a string as it is, undefined as empty, anything else as str(). */
export function toText(v: Value): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return str(v);
}
