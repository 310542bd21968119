/**
 * The graph a workflow's text describes, as the canvas draws it: nodes (id, type, config, position),
 * edges split into node and port, the workflow's inputs. Read leniently: a half-written node is still
 * drawn (its problems come from the validator), so an edit in the YAML tab never makes nodes vanish.
 */
import { DEFAULT_INPUT, DEFAULT_OUTPUT } from '../../../runtime/contract/workflow-nodes';
import { parsePortRef } from '../../../runtime/contract/workflow';
import type { YamlPath } from './yaml-patch';

/** One node as drawn. */
export interface GraphNode {
  id: string;
  type: string;
  name?: string;
  description?: string;
  position?: { x: number; y: number };
  config: Record<string, unknown>;
  onError?: string;
  /** Its index in the `nodes` list. */
  index: number;
}

/** One edge as drawn. */
export interface GraphEdge {
  from: string;
  to: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
  /** Its index in the `edges` list. */
  index: number;
}

/** A workflow input, for the run form and template completions. */
export interface GraphInput {
  name: string;
  type?: string;
}

/** A graph (the file's, or a body's at `base`). */
export interface GraphView {
  base: YamlPath;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The workflow's inputs (the file's, also inside bodies). */
  inputs: GraphInput[];
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const key of path) value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

function readInputs(data: unknown): GraphInput[] {
  const inputs = isRecord(data) ? data.inputs : undefined;
  if (Array.isArray(inputs)) return inputs.filter(isRecord).flatMap((p) => (typeof p.name === 'string' ? [{ name: p.name, ...(typeof p.type === 'string' ? { type: p.type } : {}) }] : []));
  if (isRecord(inputs)) return Object.entries(inputs).map(([name, p]) => ({ name, ...(isRecord(p) && typeof p.type === 'string' ? { type: p.type } : {}) }));
  return [];
}

function position(value: unknown): GraphNode['position'] {
  return isRecord(value) && typeof value.x === 'number' && typeof value.y === 'number' ? { x: value.x, y: value.y } : undefined;
}

/** The graph at `base` of the file's data (`doc.toJS()`). */
export function readGraph(data: unknown, base: YamlPath = []): GraphView {
  const graph = valueAt(data, base);
  const rawNodes = isRecord(graph) && Array.isArray(graph.nodes) ? graph.nodes : [];
  const rawEdges = isRecord(graph) && Array.isArray(graph.edges) ? graph.edges : [];
  const seen = new Set<string>();
  const nodes = rawNodes.map((raw, index): GraphNode => {
    const n = isRecord(raw) ? raw : {};
    let id = typeof n.id === 'string' && n.id ? n.id : `node-${index + 1}`;
    // Two nodes with one id are a problem the validator names; the canvas still shows both.
    if (seen.has(id)) id = `${id}#${index}`;
    seen.add(id);
    const pos = position(n.position);
    return {
      id,
      type: typeof n.type === 'string' ? n.type : '?',
      ...(typeof n.name === 'string' ? { name: n.name } : {}),
      ...(typeof n.description === 'string' ? { description: n.description } : {}),
      ...(pos ? { position: pos } : {}),
      config: isRecord(n.config) ? n.config : {},
      ...(typeof n.on_error === 'string' ? { onError: n.on_error } : {}),
      index,
    };
  });
  const edges = rawEdges.flatMap((raw, index): GraphEdge[] => {
    if (!isRecord(raw) || typeof raw.from !== 'string' || typeof raw.to !== 'string') return [];
    const from = parsePortRef(raw.from, DEFAULT_OUTPUT);
    const to = parsePortRef(raw.to, DEFAULT_INPUT);
    return [{ from: raw.from, to: raw.to, source: from.node, sourcePort: from.port, target: to.node, targetPort: to.port, index }];
  });
  const name = isRecord(data) && typeof data.name === 'string' ? data.name : undefined;
  return { base, ...(name !== undefined ? { name } : {}), nodes, edges, inputs: readInputs(data) };
}

function reach(next: Map<string, string[]>, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    for (const n of next.get(queue.pop()!) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

function adjacency(graph: GraphView, forward: boolean): Map<string, string[]> {
  const next = new Map<string, string[]>();
  for (const e of graph.edges) {
    const [a, b] = forward ? [e.source, e.target] : [e.target, e.source];
    next.set(a, [...(next.get(a) ?? []), b]);
  }
  return next;
}

/** Node ids upstream of `id` (everything with a path of edges into it). */
export function upstreamOf(graph: GraphView, id: string): Set<string> {
  return reach(adjacency(graph, false), id);
}

/** Node ids downstream of `id`. */
export function downstreamOf(graph: GraphView, id: string): Set<string> {
  return reach(adjacency(graph, true), id);
}
