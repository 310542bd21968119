/**
 * What the canvas does to a workflow, as edits of its YAML text: add, remove, move and connect
 * nodes, set a node's fields or config. Each edit parses the text, changes the `yaml` Document and
 * writes back only the items it changed (yaml-patch.ts). All pure: text in, text out.
 */
import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { WORKFLOW_KEY_ORDER } from '../../../runtime/contract/workflow';
import { nodeDescription } from '../../../runtime/contract/workflow-nodes';
import { appendItems, applySplices, createNode, deletePair, itemSplice, mapAt, parseYaml, removeItems, seqAt, setPair, writeWhole, type Splice, type YamlPath } from './yaml-patch';

/** A node to add: what it is written as. */
export interface NewNode {
  id: string;
  type: string;
  position?: { x: number; y: number };
  config?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Thrown when the text does not parse, so the edit cannot be made. */
export class UnparsableText extends Error {
  override name = 'UnparsableText';
}

function open(text: string): Document.Parsed {
  const doc = parseYaml(text);
  if (!doc) throw new UnparsableText('the YAML does not parse; fix it in the YAML tab first');
  return doc;
}

function nodeIndex(doc: Document, base: YamlPath, id: string): number {
  const seq = seqAt(doc, [...base, 'nodes']);
  return seq ? seq.items.findIndex((item) => isMap(item) && item.get('id') === id) : -1;
}

function configOrder(type: string): string[] {
  const shape = (nodeDescription(type)?.config as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Adds nodes to the graph at `base` (and edges among them, `from`/`to` strings). */
export function addNodes(text: string, base: YamlPath, nodes: NewNode[], edges: { from: string; to: string }[] = []): string {
  const doc = open(text);
  const ordered = nodes.map((n) => Object.fromEntries(WORKFLOW_KEY_ORDER.node.filter((k) => n[k] !== undefined).map((k) => [k, n[k]]).concat(Object.entries(n).filter(([k]) => !(WORKFLOW_KEY_ORDER.node as readonly string[]).includes(k)))));
  let out = appendNodes(text, doc, base, ordered);
  if (edges.length > 0) out = addEdgesTo(out, base, edges);
  return out;
}

function appendNodes(text: string, doc: Document, base: YamlPath, nodes: Record<string, unknown>[]): string {
  const path = [...base, 'nodes'];
  const items = nodes.map((n) => {
    const item = createNode(doc, n);
    flowPosition(item);
    return item;
  });
  const spliced = appendItems(text, doc, path, items);
  if (spliced !== undefined) return spliced;
  const seq = seqAt(doc, path);
  if (seq) {
    seq.flow = false;
    seq.items.push(...items);
  } else doc.setIn(path, createNode(doc, []));
  const created = seqAt(doc, path)!;
  if (!seq) created.items.push(...items);
  created.flow = false;
  return writeWhole(doc, text);
}

function flowPosition(item: Node): void {
  if (!isMap(item)) return;
  const position = item.get('position', true);
  if (isMap(position)) position.flow = true;
}

/** Adds edges to the graph at `base`. */
export function addEdges(text: string, base: YamlPath, edges: { from: string; to: string }[]): string {
  return addEdgesTo(text, base, edges);
}

function addEdgesTo(text: string, base: YamlPath, edges: { from: string; to: string }[]): string {
  if (edges.length === 0) return text;
  const doc = open(text);
  const path = [...base, 'edges'];
  const spliced = appendItems(text, doc, path, edges, true);
  if (spliced !== undefined) return spliced;
  const seq = seqAt(doc, path);
  const items = edges.map((e) => createNode(doc, { from: e.from, to: e.to }, true));
  if (seq) {
    seq.flow = false;
    seq.items.push(...items);
  } else {
    const graph = mapAt(doc, base);
    if (!graph) throw new UnparsableText('the workflow is not a mapping');
    graph.set('edges', createNode(doc, []));
    const created = seqAt(doc, path)!;
    created.flow = false;
    created.items.push(...items);
  }
  return writeWhole(doc, text);
}

/** Removes the edges at `indices` of the graph at `base`. */
export function removeEdges(text: string, base: YamlPath, indices: number[]): string {
  if (indices.length === 0) return text;
  const doc = open(text);
  return removeItems(text, doc, [...base, 'edges'], indices) ?? writeWhole(doc, text);
}

/** Removes nodes (by id) and every edge that touches them. */
export function removeNodes(text: string, base: YamlPath, ids: readonly string[], edgeIndices: number[]): string {
  const afterEdges = removeEdges(text, base, edgeIndices);
  const doc = open(afterEdges);
  const indices = ids.map((id) => nodeIndex(doc, base, id)).filter((i) => i >= 0);
  if (indices.length === 0) return afterEdges;
  return removeItems(afterEdges, doc, [...base, 'nodes'], indices) ?? writeWhole(doc, afterEdges);
}

/** Runs `edit` on one parse of `text`; its splices (against `text`) are applied together, or the whole document is written when one cannot be made. */
function withSplices(text: string, edit: (doc: Document, add: (splice: Splice | undefined) => void) => void): string {
  const doc = open(text);
  const splices: Splice[] = [];
  let whole = false;
  edit(doc, (splice) => (splice ? splices.push(splice) : (whole = true)));
  return whole ? writeWhole(doc, text) : applySplices(text, splices);
}

function nodeItem(doc: Document, base: YamlPath, id: string): YAMLMap | undefined {
  const item = seqAt(doc, [...base, 'nodes'])?.items[nodeIndex(doc, base, id)];
  return isMap(item) ? item : undefined;
}

/** Moves nodes: writes each one's `position` (rounded to whole pixels); only those lines change. */
export function moveNodes(text: string, base: YamlPath, positions: Record<string, { x: number; y: number }>): string {
  return withSplices(text, (doc, add) => {
    for (const item of seqAt(doc, [...base, 'nodes'])?.items ?? []) {
      if (!isMap(item)) continue;
      const p = positions[String(item.get('id'))];
      if (p) add(setPair(text, doc, item, 'position', { x: Math.round(p.x), y: Math.round(p.y) }, WORKFLOW_KEY_ORDER.node, true));
    }
  });
}

/** Sets (or with `undefined`, removes) a field of node `id` itself: name, on_error, timeout, cache ... */
export function setNodeField(text: string, base: YamlPath, id: string, key: string, value: unknown): string {
  return withSplices(text, (doc, add) => {
    const item = nodeItem(doc, base, id);
    if (!item) return;
    add(value === undefined ? deletePair(text, item, key) : setPair(text, doc, item, key, value, WORKFLOW_KEY_ORDER.node, key === 'position'));
    if (key !== 'id' || typeof value !== 'string') return;
    const edges = seqAt(doc, [...base, 'edges']);
    for (const i of renameInEdges(doc, base, id, value)) add(itemSplice(text, edges!.items[i] as Node));
  });
}

function renameInEdges(doc: Document, base: YamlPath, from: string, to: string): number[] {
  const changed: number[] = [];
  seqAt(doc, [...base, 'edges'])?.items.forEach((edge, i) => {
    if (!isMap(edge)) return;
    for (const end of ['from', 'to']) {
      const ref = edge.get(end);
      if (typeof ref !== 'string') continue;
      const [node, ...port] = ref.split('.');
      if (node !== from) continue;
      edge.set(end, [to, ...port].join('.'));
      if (!changed.includes(i)) changed.push(i);
    }
  });
  return changed;
}

/** Sets (or with `undefined`, removes) `config.<path>` of node `id`; an emptied config is removed. */
export function setConfigValue(text: string, base: YamlPath, id: string, path: readonly (string | number)[], value: unknown): string {
  return withSplices(text, (doc, add) => {
    const item = nodeItem(doc, base, id);
    if (!item || path.length === 0) return;
    const type = String(item.get('type'));
    // Walk down the mappings that exist; the rest of the path becomes a nested value.
    let map: YAMLMap = item;
    let rest: (string | number)[] = ['config', ...path];
    let order: readonly string[] = WORKFLOW_KEY_ORDER.node;
    while (rest.length > 1) {
      const child = map.get(rest[0], true);
      if (!isMap(child)) break;
      order = map === item && rest[0] === 'config' ? configOrder(type) : [];
      map = child;
      rest = rest.slice(1);
    }
    if (value === undefined) {
      if (rest.length > 1) return; // nothing there to remove
      // Removing the last config field removes `config` itself.
      if (map !== item && map.items.length === 1 && path.length === 1) return add(deletePair(text, item, 'config'));
      return add(deletePair(text, map, String(rest[0])));
    }
    const nested = rest.slice(1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
    add(setPair(text, doc, map, String(rest[0]), nested, order));
  });
}
