/**
 * Whole-graph checks after the edges are connected: required inputs, fallback edges, cycles,
 * declared outputs and the output nodes that fill them, input names, and the names templates read.
 */
import { z } from 'zod';
import { NodeId, OutputDeclaration } from '../../contract/workflow';
import { templateNames } from '../expression/template';
import { ERROR_PORT, type CompiledNode } from './compiled-graph';
import type { CompileOptions, RawGraph } from './compile';
import { zodProblems, type GraphProblem } from './problems';

interface CheckInput {
  nodes: CompiledNode[];
  raw: RawGraph;
  base: (string | number)[];
  nodePath: (node: CompiledNode) => (string | number)[];
  options: CompileOptions;
  problems: GraphProblem[];
}

const Outputs = z.record(NodeId, OutputDeclaration, { error: 'a mapping of output names' });

/** Runs every check; pushes what it finds. */
export function checkGraph(input: CheckInput): void {
  const { nodes, raw, base, nodePath, options, problems } = input;
  const id = (node: CompiledNode) => `${options.idPrefix ?? ''}${node.id}`;
  const add = (node: CompiledNode, rel: (string | number)[], message: string) => problems.push({ path: [...nodePath(node), ...rel], nodeId: id(node), message });

  for (const node of nodes) {
    for (const port of node.inPorts.values()) {
      if (port.required && !node.incoming.some((e) => e.toPort === port.name)) {
        add(node, [], `input '${port.name}' of node '${node.id}' (${node.spec.type}) needs an edge${port.type === 'any' ? '' : ` (${port.type})`}`);
      }
    }
    const errorEdges = node.outgoing.some((e) => e.fromPort === ERROR_PORT);
    if (node.policy === 'fallback' && !errorEdges) add(node, ['on_error'], `on_error: fallback needs an edge from '${node.id}.error' to the fallback path`);
    checkNames(node, input, add);
  }
  checkCycle(input, id);

  let declared: Record<string, unknown> | undefined;
  if (raw.outputs !== undefined && raw.outputs !== null) {
    const parsed = Outputs.safeParse(raw.outputs);
    if (parsed.success) declared = parsed.data;
    else problems.push(...zodProblems(parsed.error.issues, raw.outputs, [...base, 'outputs']));
  }
  const filled = new Map<string, CompiledNode>();
  for (const node of nodes) {
    const name = node.def.fills?.(node.config);
    if (name === undefined) continue;
    const other = filled.get(name);
    if (other) add(node, ['config', 'name'], `output '${name}' is already filled by node '${other.id}'`);
    else filled.set(name, node);
    if (declared && !Object.hasOwn(declared, name)) add(node, ['config', 'name'], `output '${name}' is not declared under outputs (declared: ${Object.keys(declared).join(', ') || 'none'})`);
  }
  for (const name of Object.keys(declared ?? {})) {
    if (!filled.has(name)) problems.push({ path: [...base, 'outputs', name], message: `output '${name}' is declared but no output node fills it (add a node of type output with config.name: ${name})` });
  }
}

function checkNames(node: CompiledNode, input: CheckInput, add: (node: CompiledNode, rel: (string | number)[], message: string) => void): void {
  const reads = node.def.reads?.(node.config);
  const scope = input.options.scopeNames;
  if (reads !== undefined && scope && !scope.has(reads)) add(node, ['config', 'name'], `no input '${reads}' here (known: ${[...scope].join(', ') || 'none'})`);
  const connected = new Set(node.incoming.map((e) => e.toPort));
  for (const template of node.def.templates?.(node.config) ?? []) {
    let names: Set<string>;
    try {
      names = templateNames(template.value);
    } catch (error) {
      add(node, ['config', ...template.path], (error as Error).message);
      continue;
    }
    for (const name of names) {
      if (connected.has(name) || !scope || scope.has(name)) continue;
      add(node, ['config', ...template.path], `'${name}' is neither an input of node '${node.id}' (connect an edge to ${node.id}.${name}) nor a workflow input`);
    }
  }
}

/** Finds one cycle and reports its path; loops belong in a loop node's body. */
function checkCycle(input: CheckInput, id: (node: CompiledNode) => string): void {
  const indegree = new Map(input.nodes.map((n) => [n, new Set(n.incoming.map((e) => e.from)).size]));
  const queue = input.nodes.filter((n) => indegree.get(n) === 0);
  for (let i = 0; i < queue.length; i++) {
    for (const next of new Set(queue[i]!.outgoing.map((e) => e.to))) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  const stuck = new Set(input.nodes.filter((n) => indegree.get(n)! > 0));
  if (stuck.size === 0) return;
  // Walk forward inside the stuck set until a node repeats: that stretch is a cycle.
  const walk: CompiledNode[] = [];
  let node = [...stuck][0]!;
  while (!walk.includes(node)) {
    walk.push(node);
    node = node.outgoing.map((e) => e.to).find((n) => stuck.has(n))!;
  }
  const cycle = [...walk.slice(walk.indexOf(node)), node].map((n) => n.id).join(' → ');
  input.problems.push({
    path: input.nodePath(node),
    nodeId: id(node),
    message: `cycle ${cycle}: a graph runs each node once; put the repeated part in the body of a loop node`,
  });
}
