/**
 * Edits of a workflow's YAML text that touch only what changed. The text is parsed into a `yaml`
 * Document (comments, key order, quoting and unknown fields all live in it); an edit changes items
 * of a list (a node, an edge) in the Document, and only those items are written back, each spliced
 * into the text where it was. Every other byte of the file stays as the user wrote it.
 */
import { Document, isMap, isNode, isScalar, isSeq, Pair, parseDocument, YAMLMap, type Node, type YAMLSeq } from 'yaml';

/** A path to a list in the file, like `['nodes']` or `['nodes', 3, 'config', 'body', 'edges']`. */
export type YamlPath = readonly (string | number)[];

/** How the file writes flow mappings (`{ x: 1 }` or `{x: 1}`), so new items look like the old ones. */
function options(text: string) {
  // `{{ name }}` templates are no flow mappings: a brace next to another one does not count.
  const padded = /(?<!\{)\{ [^\s{}]/.test(text);
  const tight = /(?<!\{)\{[^\s{}]/.test(text);
  return { lineWidth: 0, doubleQuotedAsJSON: true, flowCollectionPadding: padded || !tight } as const;
}

/** Parses workflow text; undefined when it does not parse. */
export function parseYaml(text: string): Document.Parsed | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: true });
  return doc.errors.length > 0 ? undefined : doc;
}

/** Why `text` does not parse, with its line; undefined when it does. */
export function parseProblem(text: string): string | undefined {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (!error) return undefined;
  const line = error.linePos?.[0]?.line;
  return `${line ? `line ${line}: ` : ''}${(error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** The list at `path`, if it is one. */
export function seqAt(doc: Document, path: YamlPath): YAMLSeq | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isSeq(node) ? node : undefined;
}

/** The mapping at `path`, if it is one. */
export function mapAt(doc: Document, path: YamlPath): YAMLMap | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isMap(node) ? node : undefined;
}

/** A node for `value` in `doc`; small mappings (positions, edges) are written inline. */
export function createNode(doc: Document, value: unknown, flow = false): Node {
  const node = doc.createNode(value) as Node;
  if (flow && (isMap(node) || isSeq(node))) node.flow = true;
  return node;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The text of `node` alone, its continuation lines indented by `indent`. */
function render(node: Node, indent: number, text: string): string {
  const copy = (node as Node & { clone(): Node }).clone();
  // The comment above an item sits before its "- " in the text, which stays: do not write it twice.
  (copy as { commentBefore?: string | null }).commentBefore = null;
  const body = new Document(copy).toString(options(text)).replace(/\n$/, '');
  const pad = ' '.repeat(indent);
  return body
    .split('\n')
    .map((line, i) => (i === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** A replacement of `text.slice(start, end)`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies splices made against the same text (they must not overlap). */
export function applySplices(text: string, splices: Splice[]): string {
  return apply(text, splices);
}

function apply(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** The splice that writes back `item` (a list item of `doc`, parsed from `text`) after it changed. */
export function itemSplice(text: string, item: Node): Splice | undefined {
  if (!item.range) return undefined;
  const [start, , end] = item.range;
  const indent = start - lineStart(text, start);
  const trailing = text.slice(start, end).match(/\n*$/)?.[0] ?? '';
  return { start, end, text: render(item, indent, text) + (trailing || (end >= text.length ? '' : '\n')) };
}

/** Removes the items at `indices` of the block list at `path` (their lines, and an emptied list becomes `[]`). */
export function removeItems(text: string, doc: Document, path: YamlPath, indices: Iterable<number>): string | undefined {
  const seq = seqAt(doc, path);
  if (!seq || seq.flow) return undefined;
  const gone = new Set(indices);
  if (gone.size === 0) return text;
  if (gone.size >= seq.items.length) {
    seq.items = [];
    seq.flow = true;
    return undefined; // an emptied list is written as `[]` with the whole document
  }
  const splices: Splice[] = [];
  for (const i of gone) {
    const item = seq.items[i] as Node | undefined;
    if (!item?.range) return undefined;
    const dash = text.lastIndexOf('-', item.range[0]);
    splices.push({ start: lineStart(text, dash), end: item.range[2], text: '' });
  }
  return apply(text, splices);
}

/** Appends `values` to the block list at `path`, each after the last item and indented like it. */
export function appendItems(text: string, doc: Document, path: YamlPath, values: unknown[], flow = false): string | undefined {
  // Values may come as nodes already (to set their style); others are converted here.
  const seq = seqAt(doc, path);
  const last = seq?.items[seq.items.length - 1] as Node | undefined;
  if (!seq || seq.flow || !last?.range) return undefined;
  const start = last.range[0];
  const indent = start - lineStart(text, start);
  const dash = text.lastIndexOf('-', start);
  const dashIndent = dash - lineStart(text, dash);
  let end = last.range[2];
  let prefix = '';
  if (end > 0 && text[end - 1] !== '\n') prefix = '\n';
  // Trailing blank lines after the last item stay after the new ones.
  while (text[end - 1] === '\n' && text[end - 2] === '\n') end--;
  const lines = values.map((value) => `${' '.repeat(dashIndent)}-${' '.repeat(indent - dashIndent - 1)}${render(isNode(value) ? value : createNode(doc, value, flow), indent, text)}\n`);
  return text.slice(0, end) + prefix + lines.join('') + text.slice(end);
}

/** The whole document as text, for edits that cannot be spliced (a list created or emptied). */
export function writeWhole(doc: Document, text: string): string {
  return doc.toString(options(text));
}

const keyName = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/** The pair `key: value` alone as text (a one-entry mapping), continuation lines indented by `indent`. */
function renderPair(pair: Pair, indent: number, text: string): string {
  const copy = pair.clone();
  // A comment above the key stays where it is in the text: do not write it twice.
  if (copy.key && typeof copy.key === 'object') (copy.key as { commentBefore?: string | null }).commentBefore = null;
  const single = new YAMLMap();
  single.items.push(copy);
  return render(single as unknown as Node, indent, text);
}

/**
 * Sets `key` to `value` in `map` (a mapping of `doc`, parsed from `text`) and returns the one splice
 * that writes it: the pair's own lines when it exists (a scalar keeps its quotes), a new line where
 * `order` puts the key, or the whole mapping when it is written inline (`{ a: 1 }`).
 */
export function setPair(text: string, doc: Document, map: YAMLMap, key: string, value: unknown, order: readonly string[] = [], flow = false): Splice | undefined {
  const existing = map.items.find((p) => keyName(p) === key);
  const node = createNode(doc, value, flow);
  const oldEnd = (existing?.value as Node | null | undefined)?.range?.[2];
  if (existing) {
    if (isScalar(existing.value) && isScalar(node)) existing.value.value = node.value;
    else existing.value = node;
  } else {
    const rank = order.indexOf(key);
    const at = rank < 0 ? -1 : map.items.findIndex((p) => order.indexOf(keyName(p)) > rank || order.indexOf(keyName(p)) < 0);
    const pair = new Pair(createNode(doc, key), node);
    if (at < 0) map.items.push(pair);
    else map.items.splice(at, 0, pair);
  }
  return pairSplice(text, map, key, oldEnd);
}

/** Removes `key` from `map`; the splice drops its lines (or rewrites an inline mapping). */
export function deletePair(text: string, map: YAMLMap, key: string): Splice | undefined {
  const pair = map.items.find((p) => keyName(p) === key);
  if (!pair) return { start: 0, end: 0, text: '' };
  const keyNode = pair.key as Node;
  const valueNode = pair.value as Node | null;
  map.items = map.items.filter((p) => p !== pair);
  if (map.flow || !keyNode.range) return wholeMap(text, map);
  return { start: lineStart(text, keyNode.range[0]), end: valueNode?.range?.[2] ?? keyNode.range[2], text: '' };
}

function wholeMap(text: string, map: YAMLMap): Splice | undefined {
  if (!map.range) return undefined;
  const indent = map.range[0] - lineStart(text, map.range[0]);
  return { start: map.range[0], end: map.range[1], text: render(map as unknown as Node, indent, text) };
}

function pairSplice(text: string, map: YAMLMap, key: string, oldEnd: number | undefined): Splice | undefined {
  if (map.flow || map.items.length === 0) return wholeMap(text, map);
  const index = map.items.findIndex((p) => keyName(p) === key);
  const pair = map.items[index]!;
  const keyNode = pair.key as Node;
  if (keyNode.range) {
    const end = oldEnd ?? keyNode.range[2];
    const indent = keyNode.range[0] - lineStart(text, keyNode.range[0]);
    const newline = text[end - 1] === '\n' ? '\n' : '';
    return { start: keyNode.range[0], end, text: renderPair(pair, indent, text) + newline };
  }
  // A new pair: before the next pair that has a place in the text, else after the last one.
  const next = map.items.slice(index + 1).find((p) => (p.key as Node).range);
  const before = [...map.items.slice(0, index)].reverse().find((p) => (p.key as Node).range);
  const anchor = (next?.key ?? before?.key) as Node | undefined;
  if (!anchor?.range) return wholeMap(text, map);
  const indent = anchor.range[0] - lineStart(text, anchor.range[0]);
  const line = `${' '.repeat(indent)}${renderPair(pair, indent, text)}\n`;
  if (next) return { start: lineStart(text, anchor.range[0]), end: lineStart(text, anchor.range[0]), text: line };
  const end = (before!.value as Node | null)?.range?.[2] ?? anchor.range[2];
  return { start: end, end, text: text[end - 1] === '\n' || end === 0 ? line : `\n${line}` };
}
