/**
 * Ports of a node as written (its config may still be half-typed while someone edits it), and the
 * check an edge must pass before the canvas draws it: the same rules, in the same words, as the
 * validator's edge checks in runtime/workflows/graph/edges.ts.
 */
import { parsePortRef, type FailurePolicy } from '../workflow';
import { DEFAULT_INPUT, DEFAULT_OUTPUT, ERROR_PORT, typesFit, type AnyNodeDescription, type PortSpec } from './describe';

/** A node's ports, and whether it takes inputs of any name. */
export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
  openInputs: boolean;
}

const ERROR_SPEC: PortSpec = { name: ERROR_PORT, type: 'object', description: 'the error of a failed node: {message, code, node}' };

function tryPorts(fn: () => PortSpec[]): PortSpec[] | undefined {
  try {
    const ports = fn();
    return Array.isArray(ports) ? ports : undefined;
  } catch {
    return undefined; // a half-written config the port function cannot read
  }
}

/** The ports of a node of type `description` with `config` (parsed when it parses, else read as it is). */
export function portsOf(description: AnyNodeDescription, config: unknown, onError?: FailurePolicy): NodePorts {
  const parsed = description.config.safeParse(config ?? {});
  const value = parsed.success ? parsed.data : (config ?? {});
  const inputs = tryPorts(() => description.inputs(value)) ?? tryPorts(() => description.inputs({})) ?? [];
  const outputs = tryPorts(() => description.outputs(value)) ?? tryPorts(() => description.outputs({})) ?? [];
  return { inputs, outputs: onError === 'fallback' ? [...outputs, ERROR_SPEC] : outputs, openInputs: description.openInputs === true };
}

/** An edge as the canvas holds it. */
export interface GraphEdgeView {
  from: string;
  to: string;
}

/**
 * Why an edge from `source.sourcePort` to `target.targetPort` would be refused, or undefined when it
 * is fine: unknown ports, an input that takes one edge and has one, types that do not fit, a cycle.
 */
export function connectionProblem(input: {
  source: { id: string; type: string; ports: NodePorts };
  sourcePort: string;
  target: { id: string; type: string; ports: NodePorts };
  targetPort: string;
  edges: readonly GraphEdgeView[];
}): string | undefined {
  const { source, target, sourcePort, targetPort, edges } = input;
  if (source.id === target.id) return `node '${source.id}' cannot feed itself; put the repeated part in the body of a loop node`;
  const out = source.ports.outputs.find((p) => p.name === sourcePort);
  if (!out) return `node '${source.id}' (${source.type}) has no output port '${sourcePort}'; its output ports: ${names(source.ports.outputs)}`;
  const into = target.ports.inputs.find((p) => p.name === targetPort) ?? (target.ports.openInputs ? { name: targetPort, type: 'any' as const } : undefined);
  if (!into) return `node '${target.id}' (${target.type}) has no input port '${targetPort}'; its input ports: ${names(target.ports.inputs)}`;
  const key = `${target.id}.${targetPort}`;
  const earlier = edges.find((e) => {
    const to = parsePortRef(e.to, DEFAULT_INPUT);
    return to.node === target.id && to.port === targetPort;
  });
  if (earlier && !('multiple' in into && into.multiple)) {
    const from = parsePortRef(earlier.from, DEFAULT_OUTPUT);
    return `input '${key}' already has an edge (from ${from.node}.${from.port}); it takes one`;
  }
  if (!typesFit(out.type, into.type)) return `type mismatch: ${source.id}.${sourcePort} gives ${out.type}, but ${key} takes ${into.type}`;
  if (reaches(edges, target.id, source.id)) return `cycle ${source.id} → ${target.id} → … → ${source.id}: a graph runs each node once; put the repeated part in the body of a loop node`;
  return undefined;
}

function names(ports: readonly PortSpec[]): string {
  return ports.length > 0 ? ports.map((p) => p.name).join(', ') : 'none';
}

/** True when edges lead from node `from` to node `to`. */
function reaches(edges: readonly GraphEdgeView[], from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const a = parsePortRef(e.from, DEFAULT_OUTPUT).node;
    next.set(a, [...(next.get(a) ?? []), parsePortRef(e.to, DEFAULT_INPUT).node]);
  }
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.pop()!;
    if (node === to) return true;
    for (const n of next.get(node) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return false;
}
