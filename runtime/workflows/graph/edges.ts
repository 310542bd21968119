/**
 * Edges of a graph: each end must name an existing node and one of its ports, a single-value input
 * takes one edge, and the value types at both ends must fit.
 */
import { parsePortRef, WorkflowEdge } from '../../contract/workflow';
import { typesFit } from '../../contract/workflow-nodes/describe';
import type { PortSpec } from '../node-types';
import { DEFAULT_INPUT, DEFAULT_OUTPUT, ERROR_PORT, type CompiledNode } from './compiled-graph';
import { zodProblems, type GraphProblem } from './problems';


const ERROR_SPEC: PortSpec = { name: ERROR_PORT, type: 'object', description: 'the error of a failed node: {message, code, node}' };

function outPort(node: CompiledNode, port: string): PortSpec | undefined {
  if (port === ERROR_PORT && node.policy === 'fallback') return ERROR_SPEC;
  return node.outPorts.get(port);
}

function inPort(node: CompiledNode, port: string): PortSpec | undefined {
  return node.inPorts.get(port) ?? (node.def.openInputs ? { name: port, type: 'any' } : undefined);
}

function names(ports: ReadonlyMap<string, PortSpec>): string {
  return ports.size > 0 ? [...ports.keys()].join(', ') : 'none';
}

/** Parses and connects the edges; pushes a problem for each bad one. */
export function compileEdges(
  raw: unknown,
  base: (string | number)[],
  byId: ReadonlyMap<string, CompiledNode>,
  rawIds: ReadonlySet<string>,
  idPrefix: string,
  problems: GraphProblem[],
): void {
  if (raw === undefined || raw === null) return;
  if (!Array.isArray(raw)) return void problems.push({ path: [...base, 'edges'], message: 'expected a list of edges {from, to}' });
  const taken = new Map<string, string>();
  raw.forEach((item, i) => {
    const at = [...base, 'edges', i];
    const parsed = WorkflowEdge.safeParse(item);
    if (!parsed.success) return void problems.push(...zodProblems(parsed.error.issues, item, at));
    const from = parsePortRef(parsed.data.from, DEFAULT_OUTPUT);
    const to = parsePortRef(parsed.data.to, DEFAULT_INPUT);
    const source = byId.get(from.node);
    const target = byId.get(to.node);
    let bad = false;
    for (const [end, ref, node] of [['from', from, source], ['to', to, target]] as const) {
      if (node) continue;
      bad = true;
      // A node that exists but is itself broken was reported already.
      if (!rawIds.has(ref.node)) problems.push({ path: [...at, end], message: `no node '${ref.node}' (edge ${parsed.data.from} → ${parsed.data.to})` });
    }
    if (bad || !source || !target) return;
    const out = outPort(source, from.port);
    const input = inPort(target, to.port);
    if (!out) {
      const hint = from.port === ERROR_PORT ? `; add on_error: fallback to node '${source.id}' to route its errors` : `; its output ports: ${names(source.outPorts)}`;
      problems.push({ path: [...at, 'from'], nodeId: idPrefix + source.id, message: `node '${source.id}' (${source.spec.type}) has no output port '${from.port}'${hint}` });
    }
    if (!input) {
      problems.push({ path: [...at, 'to'], nodeId: idPrefix + target.id, message: `node '${target.id}' (${target.spec.type}) has no input port '${to.port}'; its input ports: ${names(target.inPorts)}` });
    }
    if (!out || !input) return;
    const key = `${target.id}.${to.port}`;
    const earlier = taken.get(key);
    if (earlier !== undefined && !input.multiple) {
      return void problems.push({ path: [...at, 'to'], nodeId: idPrefix + target.id, message: `input '${key}' already has an edge (from ${earlier}); it takes one` });
    }
    taken.set(key, `${source.id}.${from.port}`);
    if (!typesFit(out.type, input.type)) {
      // Still connected below, so the target is not also reported as missing this input.
      problems.push({ path: at, nodeId: idPrefix + target.id, message: `type mismatch: ${source.id}.${from.port} gives ${out.type}, but ${key} takes ${input.type}` });
    }
    const edge = { from: source, fromPort: from.port, to: target, toPort: to.port, targetIndex: target.incoming.length };
    source.outgoing.push(edge);
    target.incoming.push(edge);
  });
}
