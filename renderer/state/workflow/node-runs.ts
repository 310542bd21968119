/**
 * What a workflow run did, node by node, folded from its `workflow` run events by a pure reducer:
 * status in words, attempt, start and duration, tokens, error, the inputs and outputs of the run,
 * and the human questions waiting. The canvas, the inspector and the timeline read it.
 */
import type { ErrorInfo } from '../../../runtime/contract/engine-protocol';
import type { HumanInputRequest, TokenCount, WorkflowEvent } from '../../../runtime/contract/workflow-events';

/** A node's state in a run, in the words the canvas shows. */
export type NodeRunStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped' | 'cached';

/** One node in one run. */
export interface NodeRun {
  status: NodeRunStatus;
  attempt: number;
  /** ms since epoch of the (last) start, and how long it took. */
  startedAt?: number;
  durationMs?: number;
  tokens?: TokenCount;
  error?: ErrorInfo;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  reason?: string;
}

/** One run of a workflow. */
export interface WorkflowRunView {
  runId: string;
  startedAt?: number;
  finished: boolean;
  ok?: boolean;
  nodes: Record<string, NodeRun>;
  /** Human questions waiting for an answer, oldest first. */
  requests: HumanInputRequest[];
}

/** A run with no events yet. */
export function emptyRun(runId: string): WorkflowRunView {
  return { runId, finished: false, nodes: {}, requests: [] };
}

function patch(run: WorkflowRunView, id: string, change: Partial<NodeRun>): WorkflowRunView {
  const before = run.nodes[id] ?? { status: 'pending', attempt: 0 };
  return { ...run, nodes: { ...run.nodes, [id]: { ...before, ...change } } };
}

/** Applies one event. */
export function reduceNodeRuns(run: WorkflowRunView, event: WorkflowEvent): WorkflowRunView {
  switch (event.type) {
    case 'run-started':
      return { ...run, startedAt: event.at };
    case 'node-started':
      return patch(run, event.nodeId, { status: 'running', attempt: event.attempt, startedAt: event.at, ...(event.inputs ? { inputs: event.inputs } : {}), error: undefined });
    case 'node-finished': {
      const startedAt = run.nodes[event.nodeId]?.startedAt ?? Date.now() - event.durationMs;
      return patch(run, event.nodeId, { status: event.cached ? 'cached' : 'done', durationMs: event.durationMs, outputs: event.output, startedAt, ...(event.tokens ? { tokens: event.tokens } : {}) });
    }
    case 'node-failed':
      return patch(run, event.nodeId, { status: event.retrying ? 'running' : 'failed', durationMs: event.durationMs, error: event.error, attempt: event.attempt });
    case 'node-skipped':
      return patch(run, event.nodeId, { status: 'skipped', reason: event.reason });
    case 'input-requested':
      return { ...run, requests: [...run.requests, event.request] };
    case 'run-finished':
      return { ...run, finished: true, ok: event.ok, requests: [] };
    default:
      return run;
  }
}

/** Drops a question once it was answered. */
export function answered(run: WorkflowRunView, requestId: string): WorkflowRunView {
  return { ...run, requests: run.requests.filter((r) => r.requestId !== requestId) };
}

/**
 * The state of node `id` of the graph shown, read from node paths: a top-level node by its id, a
 * node inside a body at `prefix` (`loop[3]/critique` for prefix `loop`) by its latest iteration.
 */
export function nodeRunAt(run: WorkflowRunView | undefined, prefix: string, id: string): NodeRun | undefined {
  if (!run) return undefined;
  if (!prefix) return run.nodes[id];
  let latest: NodeRun | undefined;
  for (const [path, state] of Object.entries(run.nodes)) {
    const match = path.startsWith(prefix) && path.endsWith(`/${id}`) && /^(\[\d+\]|\.[\w-]+)?$/.test(path.slice(prefix.length, path.length - id.length - 1));
    if (match && (!latest || (state.startedAt ?? 0) >= (latest.startedAt ?? 0))) latest = state;
  }
  return latest;
}

/** `1.24 s` or `380 ms`. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
