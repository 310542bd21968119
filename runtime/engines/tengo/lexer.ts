import { TengoError } from './errors';
import { KEYWORDS, OPERATORS, type Pos, type Token } from './token';

/** Tokens after which a line end ends the statement (Go's automatic semicolon rule). */
const ENDS_STATEMENT_KEYWORDS = new Set(['break', 'continue', 'return', 'true', 'false', 'undefined']);
const ENDS_STATEMENT_OPS = new Set(['++', '--', ')', ']', '}']);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isIdentStart = (c: string) => /[\p{L}_]/u.test(c);
const isIdentPart = (c: string) => /[\p{L}\p{N}_]/u.test(c);

/**
 * Splits Tengo source into tokens, inserting `;` at line ends where a statement can end. Throws a
 * `Parse Error` naming the file, line and column of the first bad character.
 */
export function tokenize(src: string, file: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (at = i): Pos => ({ line, col: at - lineStart + 1 });
  const fail = (msg: string, at: Pos = pos()): never => {
    throw new TengoError('Parse', msg, { file, ...at });
  };
  const endsStatement = () => {
    const last = out[out.length - 1];
    if (!last) return false;
    switch (last.kind) {
      case 'ident':
      case 'int':
      case 'float':
      case 'char':
      case 'string':
        return true;
      case 'keyword':
        return ENDS_STATEMENT_KEYWORDS.has(last.text);
      case 'op':
        return ENDS_STATEMENT_OPS.has(last.text);
      default:
        return false;
    }
  };
  const newline = (at: Pos) => {
    if (endsStatement()) out.push({ kind: ';', text: ';', raw: '\n', pos: at, implicit: true });
  };

  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      newline(pos());
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') {
      i++;
      continue;
    }
    const start = pos();
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) fail('comment not terminated', start);
      let sawNewline = false;
      for (let j = i + 2; j < end; j++) {
        if (src[j] === '\n') {
          if (!sawNewline) newline(start);
          sawNewline = true;
          line++;
          lineStart = j + 1;
        }
      }
      i = end + 2;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdentPart(src[j]!)) j++;
      const word = src.slice(i, j);
      out.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'ident', text: word, raw: word, pos: start });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      i = readNumber(src, i, start, out, fail);
      continue;
    }
    if (c === '"') {
      const r = readQuoted(src, i, '"', fail, pos);
      out.push({ kind: 'string', text: r.value, raw: src.slice(i, r.end), pos: start });
      i = r.end;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) fail('raw string literal not terminated', start);
      const body = src.slice(i + 1, end);
      for (let j = i + 1; j < end; j++) {
        if (src[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
      }
      out.push({ kind: 'string', text: body.replaceAll('\r', ''), raw: src.slice(i, end + 1), pos: start });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      const r = readQuoted(src, i, "'", fail, pos);
      const cps = [...r.value];
      if (cps.length !== 1) fail('illegal rune literal', start);
      out.push({ kind: 'char', text: r.value, raw: src.slice(i, r.end), pos: start });
      i = r.end;
      continue;
    }
    if (c === ';') {
      out.push({ kind: ';', text: ';', raw: ';', pos: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) fail(`illegal character '${String.fromCodePoint(src.codePointAt(i)!)}'`, start);
    out.push({ kind: 'op', text: op!, raw: op!, pos: start });
    i += op!.length;
  }
  newline(pos());
  out.push({ kind: 'eof', text: '', raw: '', pos: pos() });
  return out;
}

function readNumber(src: string, i: number, start: Pos, out: Token[], fail: (m: string, at?: Pos) => never): number {
  let j = i;
  const digits = (re: RegExp) => {
    while (j < src.length && (re.test(src[j]!) || src[j] === '_')) j++;
  };
  let isFloat = false;
  if (src[j] === '0' && /[xXbBoO]/.test(src[j + 1] ?? '')) {
    const base = src[j + 1]!.toLowerCase();
    j += 2;
    digits(base === 'x' ? /[0-9a-fA-F]/ : base === 'b' ? /[01]/ : /[0-7]/);
  } else {
    digits(/[0-9]/);
    if (src[j] === '.' && src[j + 1] !== '.') {
      isFloat = true;
      j++;
      digits(/[0-9]/);
    }
    if (/[eE]/.test(src[j] ?? '')) {
      const k = j + 1 + (/[+-]/.test(src[j + 1] ?? '') ? 1 : 0);
      if (isDigit(src[k] ?? '')) {
        isFloat = true;
        j = k;
        digits(/[0-9]/);
      }
    }
  }
  const raw = src.slice(i, j);
  if (isIdentPart(src[j] ?? '') ) fail(`invalid number literal '${raw}${src[j]}'`, start);
  out.push({ kind: isFloat ? 'float' : 'int', text: raw.replaceAll('_', ''), raw, pos: start });
  return j;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** Reads a `"…"` or `'…'` literal with Go escapes; returns the decoded text and the index after it. */
function readQuoted(
  src: string,
  i: number,
  quote: string,
  fail: (m: string, at?: Pos) => never,
  pos: (at: number) => Pos,
): { value: string; end: number } {
  let j = i + 1;
  let value = '';
  for (;;) {
    const c = src[j];
    if (c === undefined || c === '\n') fail(quote === '"' ? 'string literal not terminated' : 'rune literal not terminated', pos(i));
    if (c === quote) return { value, end: j + 1 };
    if (c !== '\\') {
      value += c;
      j++;
      continue;
    }
    const e = src[j + 1] ?? '';
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e];
      j += 2;
    } else if (e === quote) {
      value += quote;
      j += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = src.slice(j + 2, j + 2 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('invalid escape sequence', pos(j));
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) fail('escape sequence is invalid Unicode code point', pos(j));
      value += String.fromCodePoint(cp);
      j += 2 + n;
    } else if (e >= '0' && e <= '7') {
      const oct = src.slice(j + 1, j + 4);
      if (!/^[0-7]{3}$/.test(oct)) fail('invalid escape sequence', pos(j));
      value += String.fromCharCode(parseInt(oct, 8));
      j += 4;
    } else {
      fail('unknown escape sequence', pos(j));
    }
  }
}
