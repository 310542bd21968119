/**
 * Writes a workflow file the way people write them, so files the studio saves diff cleanly: keys in
 * a fixed order (file, node, edge, and each config in its node type's schema order), one edge per
 * line as `{ from, to }`, canvas positions inline, and nothing generated added.
 */
import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import { WORKFLOW_KEY_ORDER } from '../../contract/workflow';
import type { NodeRegistry } from '../node-registry';

const PARAMETER_ORDER = ['name', 'type', 'description', 'required', 'default', 'enum', 'pattern', 'min', 'max'];
const SETTINGS_ORDER = ['concurrency', 'timeout', 'retry', 'cache'];

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `value` with keys in `order` first, the rest after them alphabetically. */
function ordered(value: Json, order: readonly string[]): Json {
  const keys = Object.keys(value);
  const known = order.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !order.includes(k)).sort();
  return Object.fromEntries([...known, ...rest].map((k) => [k, value[k]]));
}

function configOrder(registry: NodeRegistry, type: unknown): string[] {
  const schema = typeof type === 'string' ? registry.get(type)?.config : undefined;
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function orderGraph(graph: Json, registry: NodeRegistry, order: readonly string[]): Json {
  const out = ordered(graph, order);
  if (Array.isArray(out.nodes)) out.nodes = out.nodes.map((n) => (isRecord(n) ? orderNode(n, registry) : n));
  if (Array.isArray(out.edges)) out.edges = out.edges.map((e) => (isRecord(e) ? ordered(e, WORKFLOW_KEY_ORDER.edge) : e));
  if (isRecord(out.outputs)) out.outputs = Object.fromEntries(Object.entries(out.outputs).map(([k, v]) => [k, isRecord(v) ? ordered(v, ['type', 'description']) : v]));
  return out;
}

function orderNode(node: Json, registry: NodeRegistry): Json {
  const out = ordered(node, WORKFLOW_KEY_ORDER.node);
  if (isRecord(out.position)) out.position = ordered(out.position, ['x', 'y']);
  if (isRecord(out.retry)) out.retry = ordered(out.retry, ['attempts', 'delay']);
  if (isRecord(out.config)) {
    const config = ordered(out.config, configOrder(registry, out.type));
    // Bodies (loop, parallel) are graphs themselves.
    for (const [key, value] of Object.entries(config)) {
      if (isRecord(value) && Array.isArray(value.nodes)) config[key] = orderGraph(value, registry, WORKFLOW_KEY_ORDER.body);
      else if (key === 'branches' && isRecord(value)) {
        config[key] = Object.fromEntries(Object.entries(value).map(([name, b]) => [name, isRecord(b) && Array.isArray(b.nodes) ? orderGraph(b, registry, WORKFLOW_KEY_ORDER.body) : b]));
      }
    }
    out.config = config;
  }
  return out;
}

/** The file's data with every key in writing order. */
export function orderWorkflow(file: unknown, registry: NodeRegistry): unknown {
  if (!isRecord(file)) return file;
  const out = orderGraph(file, registry, WORKFLOW_KEY_ORDER.file);
  if (Array.isArray(out.inputs)) out.inputs = out.inputs.map((p) => (isRecord(p) ? ordered(p, PARAMETER_ORDER) : p));
  else if (isRecord(out.inputs)) out.inputs = Object.fromEntries(Object.entries(out.inputs).map(([k, v]) => [k, isRecord(v) ? ordered(v, PARAMETER_ORDER) : v]));
  if (isRecord(out.settings)) out.settings = ordered(out.settings, SETTINGS_ORDER);
  return out;
}

/** The text of a workflow file: YAML (default) or JSON. */
export function writeWorkflow(file: unknown, registry: NodeRegistry, format: 'yaml' | 'json' = 'yaml'): string {
  const data = orderWorkflow(file, registry);
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  const doc = new Document(data);
  // Edges and positions read best on one line each: `- { from: a, to: b.input }`.
  visit(doc, {
    Pair(_, pair) {
      if (!isPair(pair) || !isScalar(pair.key)) return;
      if (pair.key.value === 'position' && isMap(pair.value)) pair.value.flow = true;
      if (pair.key.value === 'edges' && isSeq(pair.value)) for (const item of pair.value.items) if (isMap(item)) item.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}
