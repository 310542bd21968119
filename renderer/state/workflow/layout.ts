/**
 * Automatic layout of a workflow graph, left to right by data flow, with @dagrejs/dagre: small,
 * synchronous and fast enough for a 500-node graph on open (elkjs lays ports out better but is a
 * 1.5 MB asynchronous worker; a workflow's layered DAG is what dagre is made for).
 */
import dagre from '@dagrejs/dagre';
import type { GraphView } from './graph-read';

/** The size the canvas draws a node at, for the layout's spacing. */
export const NODE_SIZE = { width: 176, height: 80 };

/** Positions by node id for every node of `graph` (all of them, or only those without one). */
export function layoutGraph(graph: GraphView, onlyMissing = false): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...NODE_SIZE });
  for (const edge of graph.edges) if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const node of graph.nodes) {
    if (onlyMissing && node.position) continue;
    const placed = g.node(node.id) as { x: number; y: number } | undefined;
    // dagre gives centres; the canvas places nodes by their top-left corner.
    if (placed) out[node.id] = { x: Math.round(placed.x - NODE_SIZE.width / 2), y: Math.round(placed.y - NODE_SIZE.height / 2) };
  }
  return out;
}
