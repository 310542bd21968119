/**
 * The graph as React Flow draws it: nodes with their ports (from the shared node descriptions),
 * positions (written, or laid out when the file has none), problems pinned on nodes and edges, and
 * edges that animate while the node they feed runs. Pure, so it is cheap to call on every change.
 */
import { Position, type Edge, type Node } from '@xyflow/react';
import type { Diagnostic } from '../../../runtime/contract/studio-api';
import { nodeDescription, portsOf, type NodePorts } from '../../../runtime/contract/workflow-nodes';
import type { FailurePolicy } from '../../../runtime/contract/workflow';
import { layoutGraph, NODE_SIZE, type GraphEdge, type GraphNode, type GraphView } from '../../state';

/** The handle id of an open-input node's "new input" port: connecting to it names the port after the source. */
export const NEW_INPUT = '__new_input';

/** What a canvas node carries. */
export interface CanvasNodeData extends Record<string, unknown> {
  node: GraphNode;
  ports: NodePorts;
  problems: string[];
  /** The run-event prefix of the graph shown (bodies), to find the node's run state. */
  prefix: string;
}

export type CanvasNode = Node<CanvasNodeData, 'workflow'>;

/** Problems of the graph shown, split by where they are pinned. */
export interface PinnedProblems {
  byNode: Map<string, string[]>;
  byEdge: Map<number, string[]>;
  /** Every problem of the file, for the problems list, with the node it selects. */
  all: { message: string; line: number; nodeId?: string; edge?: number; base?: (string | number)[] }[];
}

const samePrefix = (path: readonly (string | number)[], base: readonly (string | number)[]) => base.every((k, i) => path[i] === k);

/** Pins the validator's problems on the nodes and edges of the graph at `graph.base`. */
export function pinProblems(graph: GraphView, diagnostics: readonly Diagnostic[]): PinnedProblems {
  const byNode = new Map<string, string[]>();
  const byEdge = new Map<number, string[]>();
  const add = <K>(map: Map<K, string[]>, key: K, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
  const all: PinnedProblems['all'] = [];
  for (const d of diagnostics) {
    const path = d.path ?? [];
    let nodeId: string | undefined;
    let edge: number | undefined;
    if (samePrefix(path, graph.base) && path.length > graph.base.length + 1) {
      const [list, index] = [path[graph.base.length], path[graph.base.length + 1]];
      if (list === 'nodes' && typeof index === 'number') nodeId = graph.nodes[index]?.id;
      if (list === 'edges' && typeof index === 'number') edge = index;
    }
    if (nodeId !== undefined) add(byNode, nodeId, d.message);
    if (edge !== undefined) add(byEdge, edge, d.message);
    all.push({ message: d.message, line: d.line, ...(d.nodeId !== undefined ? { nodeId: d.nodeId } : {}), ...(edge !== undefined ? { edge } : {}), ...(d.path ? { base: d.path } : {}) });
  }
  return { byNode, byEdge, all };
}

/** The ports of a graph node, from its type's description (none for an unknown type). */
export function nodePorts(node: GraphNode): NodePorts {
  const description = nodeDescription(node.type);
  return description ? portsOf(description, node.config, node.onError as FailurePolicy | undefined) : { inputs: [], outputs: [], openInputs: false };
}

/** The ports plus those its edges name that the type does not declare (open inputs, or a mistake to show). */
function withEdgePorts(ports: NodePorts, into: readonly GraphEdge[] = [], outOf: readonly GraphEdge[] = []): NodePorts {
  if (into.length === 0 && outOf.length === 0) return ports;
  const inputs = [...ports.inputs];
  const outputs = [...ports.outputs];
  for (const e of into) if (!inputs.some((p) => p.name === e.targetPort)) inputs.push({ name: e.targetPort, type: 'any' });
  for (const e of outOf) if (!outputs.some((p) => p.name === e.sourcePort)) outputs.push({ name: e.sourcePort, type: 'any' });
  return { ...ports, inputs, outputs };
}

/** Edges by the node they enter, or leave: one pass, where a scan per node was quadratic (500 nodes, 500 edges). */
function edgesBy(graph: GraphView, end: 'source' | 'target'): Map<string, GraphEdge[]> {
  const by = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) {
    const list = by.get(e[end]);
    if (list) list.push(e);
    else by.set(e[end], [e]);
  }
  return by;
}

/** Spacing of port handles down a node's side (px from the card's top to the handle's centre). */
export const portTop = (i: number) => 30 + i * 13;

/** A port handle's box (10 px, centred on the card's edge by workflow.css's margins). */
const HANDLE = 10;

/**
 * A card's size: fixed, from its ports alone (CSS makes the card fill it), so React Flow is given it
 * up front with every handle's place and draws the nodes at once: a node without known dimensions is
 * drawn hidden, measured, and drawn again, which for 500 nodes was a second render of them all on
 * open. Given sizes equal to the DOM's, its ResizeObserver finds nothing changed and updates nothing.
 */
export function cardLayout(ports: NodePorts): Pick<CanvasNode, 'width' | 'height' | 'measured' | 'handles'> {
  const left = ports.inputs.length + (ports.openInputs ? 1 : 0);
  const width = NODE_SIZE.width;
  const height = Math.max(NODE_SIZE.height, portTop(Math.max(left, ports.outputs.length)) + 6);
  const handle = (id: string, type: 'source' | 'target', i: number) => ({
    id,
    type,
    position: type === 'target' ? Position.Left : Position.Right,
    x: type === 'target' ? -HANDLE / 2 : width - HANDLE / 2,
    y: portTop(i) - HANDLE / 2,
    width: HANDLE,
    height: HANDLE,
  });
  const handles = [
    ...ports.inputs.map((p, i) => handle(p.name, 'target', i)),
    ...(ports.openInputs ? [handle(NEW_INPUT, 'target', ports.inputs.length)] : []),
    ...ports.outputs.map((p, i) => handle(p.name, 'source', i)),
  ];
  return { width, height, measured: { width, height }, handles };
}

const NO_PROBLEMS: string[] = [];
const sameList = (a: readonly string[], b: readonly string[]) => a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/** Canvas nodes for `graph`; `positions` override written ones (a drag in progress). */
export function canvasNodes(
  graph: GraphView,
  problems: PinnedProblems,
  selected: ReadonlySet<string>,
  prefix: string,
  positions: Readonly<Record<string, { x: number; y: number }>> = {},
  previous?: { graph: GraphView; nodes: readonly CanvasNode[] },
): CanvasNode[] {
  // The same graph as last time (a selection, a drag frame, new problems): a node whose own inputs
  // did not change keeps its object, so React Flow (which compares them) redraws only the others.
  const before = previous?.graph === graph ? new Map(previous.nodes.map((n) => [n.id, n])) : undefined;
  const missing = graph.nodes.some((n) => !n.position);
  const laidOut = missing ? layoutGraph(graph, true) : {};
  const into = edgesBy(graph, 'target');
  const outOf = edgesBy(graph, 'source');
  return graph.nodes.map((node) => {
    const position = positions[node.id] ?? node.position ?? laidOut[node.id] ?? { x: 0, y: 0 };
    const pinned = problems.byNode.get(node.id) ?? NO_PROBLEMS;
    const last = before?.get(node.id);
    if (last && last.selected === selected.has(node.id) && last.position.x === position.x && last.position.y === position.y && last.data.prefix === prefix && sameList(last.data.problems, pinned)) return last;
    const ports = last?.data.ports ?? withEdgePorts(nodePorts(node), into.get(node.id), outOf.get(node.id));
    return {
      id: node.id,
      type: 'workflow',
      position,
      selected: selected.has(node.id),
      ariaRole: 'group' as const,
      ariaLabel: `${node.id} (${node.type})`,
      ...cardLayout(ports),
      data: { node, ports, problems: pinned, prefix },
    };
  });
}

/** Canvas edges; `running` holds ids of nodes running now (their incoming edges animate). */
export function canvasEdges(graph: GraphView, problems: PinnedProblems, selected: ReadonlySet<number>, running: ReadonlySet<string>): Edge[] {
  return graph.edges.map((e) => {
    const bad = problems.byEdge.get(e.index);
    return {
      id: `e${e.index}`,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourcePort,
      targetHandle: e.targetPort,
      selected: selected.has(e.index),
      animated: running.has(e.target),
      className: bad ? 'wf-edge problem' : 'wf-edge',
      ariaLabel: `Edge ${e.from} → ${e.to}${bad ? `: ${bad.join('; ')}` : ''}`,
      ...(bad ? { label: '⚠', data: { problems: bad } } : {}),
    };
  });
}
