/**
 * A fast reader for the plain subset of YAML that almost every spell.yaml uses: block mappings with
 * simple keys, block sequences, one-line plain/quoted scalars and one-line flow lists. It exists
 * because the library indexes thousands of manifests and the full `yaml` parser costs ~130 µs each.
 *
 * For any text it accepts it returns exactly what `yaml`'s `parse` returns (core schema); for
 * anything else (anchors, tags, block scalars, multi-line values, flow mappings, odd keys, tabs,
 * duplicate keys, ...) it returns undefined and the caller falls back to the `yaml` package,
 * which also produces the error messages with line numbers.
 */

interface Line {
  indent: number;
  text: string;
}

const BAIL = Symbol('bail');
const bail = (): never => {
  throw BAIL;
};

/** Parses `source`, or returns undefined when it is outside the subset (or empty). */
export function parseQuickYaml(source: string): unknown {
  // Tabs, stray carriage returns and control characters have subtle YAML rules: leave them to `yaml`.
  if (/[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]|\r(?!\n)/.test(source)) return undefined;
  const lines: Line[] = [];
  for (const raw of source.split(/\r?\n/)) {
    const text = raw.trimStart();
    if (text === '' || text.startsWith('#')) continue;
    if (/^(---|\.\.\.|%)/.test(raw)) return undefined;
    lines.push({ indent: raw.length - text.length, text: text.trimEnd() });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const [value, next] = parseBlock(lines, 0, 0);
    return next === lines.length ? value : undefined;
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  }
}

const isSeqLine = (text: string) => text === '-' || text.startsWith('- ');
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?$/;
const NON_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;

function parseBlock(lines: Line[], i: number, indent: number): [unknown, number] {
  return isSeqLine(lines[i]!.text) ? parseSequence(lines, i, indent) : parseMapping(lines, i, indent);
}

function parseMapping(lines: Line[], start: number, indent: number): [Record<string, unknown>, number] {
  const map: Record<string, unknown> = {};
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent) {
    const match = KEY_LINE.exec(lines[i]!.text) ?? bail();
    const key = match[1]!;
    if (NON_STRING_KEY.test(key) || Object.hasOwn(map, key)) bail();
    const rest = match[2] ?? '';
    i++;
    let value: unknown = null;
    if (rest === '' || rest.startsWith('#')) {
      const next = lines[i];
      if (next && next.indent > indent) [value, i] = parseBlock(lines, i, next.indent);
      else if (next && next.indent === indent && isSeqLine(next.text)) [value, i] = parseSequence(lines, i, indent);
    } else {
      value = parseInline(rest);
      if (i < lines.length && lines[i]!.indent > indent) bail();
    }
    map[key] = value;
  }
  return [map, i];
}

function parseSequence(lines: Line[], start: number, indent: number): [unknown[], number] {
  const list: unknown[] = [];
  let i = start;
  while (i < lines.length && lines[i]!.indent === indent && isSeqLine(lines[i]!.text)) {
    const text = lines[i]!.text;
    const content = text.slice(1).trimStart();
    const column = indent + text.length - content.length;
    if (content === '' || content.startsWith('#')) {
      i++;
      const next = lines[i];
      if (next && next.indent > indent) {
        const [value, after] = parseBlock(lines, i, next.indent);
        list.push(value);
        i = after;
      } else list.push(null);
    } else if (isSeqLine(content)) {
      bail();
    } else if (KEY_LINE.test(content)) {
      // `- name: x`: a mapping whose keys sit at the column after "- ".
      lines[i] = { indent: column, text: content };
      const [value, after] = parseMapping(lines, i, column);
      list.push(value);
      i = after;
    } else {
      list.push(parseInline(content));
      i++;
      if (i < lines.length && lines[i]!.indent > indent) bail();
    }
  }
  return [list, i];
}

/** A value on the rest of a line: quoted, a flow list, or a plain scalar; a trailing comment is allowed. */
function parseInline(text: string): unknown {
  const first = text[0];
  if (first === '"' || first === "'") {
    const [value, end] = parseQuoted(text, 0);
    if (!/^(?:\s+#.*)?$/.test(text.slice(end))) bail();
    return value;
  }
  if (first === '[') return parseFlowList(text);
  if (/^[{&*!|>%@`?,\]}:#]/.test(text) || isSeqLine(text)) bail();
  const plain = text.replace(/\s+#.*$/, '').trimEnd();
  if (/:(?:\s|$)/.test(plain)) bail();
  return resolvePlain(plain);
}

function parseFlowList(text: string): unknown[] {
  const items: unknown[] = [];
  let j = 1;
  const skipSpaces = () => {
    while (text[j] === ' ') j++;
  };
  skipSpaces();
  if (text[j] === ']') j++;
  else {
    for (;;) {
      skipSpaces();
      const c = text[j];
      if (c === '"' || c === "'") {
        const [value, end] = parseQuoted(text, j);
        items.push(value);
        j = end;
      } else {
        const match = /^[^,[\]{}#:"'&*!|>%@`?]+/.exec(text.slice(j)) ?? bail();
        const plain = match[0].trimEnd();
        if (plain === '' || plain.startsWith('-')) bail();
        items.push(resolvePlain(plain));
        j += match[0].length;
      }
      skipSpaces();
      if (text[j] === ']') {
        j++;
        break;
      }
      if (text[j] !== ',') bail();
      j++;
    }
  }
  if (!/^(?:\s+#.*)?$/.test(text.slice(j))) bail();
  return items;
}

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/** A one-line quoted scalar starting at `start`; returns the value and the index after the closing quote. */
function parseQuoted(text: string, start: number): [string, number] {
  const quote = text[start];
  let out = '';
  for (let j = start + 1; j < text.length; j++) {
    const c = text[j]!;
    if (quote === "'" && c === "'") {
      if (text[j + 1] !== "'") return [out, j + 1];
      out += "'";
      j++;
    } else if (quote === '"' && c === '"') return [out, j + 1];
    else if (quote === '"' && c === '\\') {
      const e = text[++j] ?? bail();
      if (e === 'u') {
        const hex = /^[0-9a-fA-F]{4}/.exec(text.slice(j + 1))?.[0] ?? bail();
        const code = parseInt(hex, 16);
        if (code >= 0xd800 && code <= 0xdfff) bail();
        out += String.fromCharCode(code);
        j += 4;
      } else out += ESCAPES[e] ?? bail();
    } else out += c;
  }
  return bail();
}

/** YAML 1.2 core schema, in the order the `yaml` package tries its tags. */
function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE)$/.test(s)) return true;
  if (/^(?:[Ff]alse|FALSE)$/.test(s)) return false;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.endsWith('nan') || s.endsWith('NaN') || s.endsWith('NAN') ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
