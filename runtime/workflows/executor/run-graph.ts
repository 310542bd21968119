/**
 * The scheduler: a node starts as soon as every edge into it has delivered (a value, or "skipped"
 * for a branch not taken or a failed input), so independent branches run concurrently. A failure
 * follows the node's policy: `stop` cancels the graph, `continue` skips what depends on the node,
 * `fallback` sends the error down its `error` port.
 */
import { setMaxListeners } from 'node:events';
import { DEFAULT_OUTPUT, ERROR_PORT, type CompiledEdge, type CompiledNode } from '../graph/compiled-graph';
import type { NodeResult } from '../node-types';
import { abortReason } from '../util/abort';
import { NodeFailure, type Frame } from './frame';
import { runNode } from './run-node';

/** Marks an edge whose source produced nothing (skipped, failed, or a port not chosen). */
const SKIP: unique symbol = Symbol('skip');
type Arrival = unknown;

/** Runs every node of `frame.graph`; resolves with its outputs, rejects with the first stopping failure. */
export async function runGraph(frame: Frame): Promise<Record<string, unknown>> {
  const { graph, shared } = frame;
  const local = new AbortController();
  // Every running node listens on this signal: thousands in a wide fan-out are expected, not a leak.
  setMaxListeners(0, local.signal);
  const onOuterAbort = () => local.abort(abortReason(frame.signal));
  if (frame.signal.aborted) throw abortReason(frame.signal);
  frame.signal.addEventListener('abort', onOuterAbort, { once: true });
  const inner: Frame = { ...frame, signal: local.signal };

  const arrivals = new Map<CompiledNode, Arrival[]>(graph.nodes.map((n) => [n, new Array<Arrival>(n.incoming.length)]));
  const waiting = new Map<CompiledNode, number>(graph.nodes.map((n) => [n, n.incoming.length]));
  const results = new Map<CompiledNode, NodeResult>();
  const running = new Set<Promise<void>>();
  let left = graph.nodes.length;
  let failure: Error | undefined;

  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const finish = () => {
      frame.signal.removeEventListener('abort', onOuterAbort);
      if (failure) void Promise.allSettled([...running]).then(() => reject(failure));
      else resolve(collectOutputs(graph.nodes, results));
    };
    const settle = (node: CompiledNode, values: ((edge: CompiledEdge) => Arrival) | undefined) => {
      left--;
      for (const edge of node.outgoing) deliver(edge, values ? values(edge) : SKIP);
      if (left === 0) finish();
    };
    const deliver = (edge: CompiledEdge, value: Arrival) => {
      const target = edge.to;
      arrivals.get(target)![edge.targetIndex] = value;
      const rest = waiting.get(target)! - 1;
      waiting.set(target, rest);
      if (rest === 0) start(target);
    };
    const stop = (error: Error) => {
      failure ??= error;
      if (!local.signal.aborted) local.abort(error);
    };
    const start = (node: CompiledNode) => {
      if (failure) return settle(node, undefined);
      const id = `${frame.prefix}${node.id}`;
      const got = arrivals.get(node)!;
      const joins = node.def.joins === true;
      const skippedBy = joins ? undefined : node.incoming.find((e, i) => got[i] === SKIP && !node.inPorts.get(e.toPort)?.multiple);
      if (skippedBy || (got.length > 0 && got.every((v) => v === SKIP))) {
        const reason = `no value from ${(skippedBy ?? node.incoming[0]!).from.id}`;
        shared.emit({ type: 'node-skipped', runId: shared.runId, nodeId: id, nodeType: node.spec.type, reason });
        return settle(node, undefined);
      }
      const inputs: Record<string, unknown> = {};
      node.incoming.forEach((edge, i) => {
        const value = got[i];
        if (node.inPorts.get(edge.toPort)?.multiple) {
          const list = (inputs[edge.toPort] ??= []) as unknown[];
          if (value !== SKIP) list.push(value);
        } else if (value !== SKIP) inputs[edge.toPort] = value;
      });
      const task = runNode(inner, node, id, inputs).then(
        (outcome) => {
          if (outcome.ok) {
            results.set(node, outcome.result);
            return settle(node, (edge) => (Object.hasOwn(outcome.result, edge.fromPort) ? outcome.result[edge.fromPort] : SKIP));
          }
          if (node.policy === 'stop') return (stop(new NodeFailure(id, outcome.error)), settle(node, undefined));
          shared.failed.push(id);
          const error = { message: outcome.error.message, code: outcome.error.code, node: id };
          settle(node, node.policy === 'fallback' ? (edge) => (edge.fromPort === ERROR_PORT ? error : SKIP) : undefined);
        },
        (error: unknown) => (stop(error as Error), settle(node, undefined)),
      );
      const tracked = task.finally(() => running.delete(tracked));
      running.add(tracked);
    };
    if (left === 0) return finish();
    for (const node of graph.nodes) if (node.incoming.length === 0) start(node);
  });
}

/** Output nodes fill the outputs by name; without any, each sink node's main output, by node id. */
function collectOutputs(nodes: readonly CompiledNode[], results: Map<CompiledNode, NodeResult>): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  const fillers = nodes.filter((n) => n.def.fills?.(n.config) !== undefined);
  for (const node of fillers.length > 0 ? fillers : nodes.filter((n) => n.outgoing.length === 0)) {
    const result = results.get(node);
    if (!result) continue;
    const name = node.def.fills?.(node.config) ?? node.id;
    outputs[name] = Object.hasOwn(result, DEFAULT_OUTPUT) ? result[DEFAULT_OUTPUT] : result;
  }
  return outputs;
}
