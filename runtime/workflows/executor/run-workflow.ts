/**
 * Runs a loaded workflow: checks its inputs, sets up the run (events, concurrency slots, cache
 * policy for `--from`), runs the graph and reports one outcome. Cancelling `signal` stops every
 * running node, engine processes included.
 */
import { randomUUID } from 'node:crypto';
import type { ErrorInfo } from '../../contract/engine-protocol';
import { NESTED_SLACK_MS } from '../../host/run-budget';
import type { TokenCount, WorkflowEvent, WorkflowOutcome } from '../../contract/workflow-events';
import { resolveParams } from '../../spells/parameters';
import { Scope } from '../expression/evaluate';
import type { CompiledNode } from '../graph/compiled-graph';
import type { WorkflowHost } from '../host';
import type { NodeRegistry } from '../node-registry';
import { WorkflowAbort } from '../util/abort';
import { Limiter } from '../util/limiter';
import { loadWorkflowFile, type LoadedWorkflow } from '../workflow-loader';
import { NodeFailure, type RunShared } from './frame';
import { runGraph } from './run-graph';
import { checkOutputs } from './run-nested';

/** Default number of nodes doing outside work at once. */
export const DEFAULT_CONCURRENCY = 8;

/** How to run a workflow. */
export interface RunWorkflowOptions {
  runId?: string;
  /** Input values: typed values are checked, strings are converted to the declared types. */
  inputs: Record<string, unknown>;
  host: WorkflowHost;
  /** Node types, for nested workflow files. */
  registry: NodeRegistry;
  signal?: AbortSignal;
  onEvent?: (event: WorkflowEvent) => void;
  /** Overrides `settings.concurrency`. */
  concurrency?: number;
  /** Re-run from this top-level node: every node not downstream of it takes its cached result when there is one. */
  from?: string;
  /** Take every node's result from the cache when there is one. */
  useCache?: boolean;
}

/** Thrown before the run starts when `from` names no top-level node. */
export class UnknownNodeError extends Error {
  override name = 'UnknownNodeError';
}

/** Runs `workflow`; throws `ParamsError` for bad inputs, else resolves with the outcome (never rejects). */
export async function runWorkflow(workflow: LoadedWorkflow, options: RunWorkflowOptions): Promise<WorkflowOutcome> {
  const inputs = resolveParams(workflow.definition.inputs ? workflow.inputs : undefined, { file: options.inputs });
  const readCache = cachePolicy(workflow, options);
  const runId = options.runId ?? randomUUID();
  const started = performance.now();
  const tokens: TokenCount = { prompt: 0, completion: 0, total: 0 };
  const failed: string[] = [];
  const loaded = new Map<string, LoadedWorkflow>([[workflow.file, workflow]]);
  const emit = (event: WorkflowEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A consumer's bug must not break the run.
    }
  };
  const shared: RunShared = {
    runId,
    host: options.host,
    limiter: new Limiter(options.concurrency ?? workflow.definition.settings?.concurrency ?? DEFAULT_CONCURRENCY),
    emit,
    tokens,
    failed,
    cacheWrite: true,
    runGraph,
    load: (file) => {
      let found = loaded.get(file);
      if (!found) loaded.set(file, (found = loadWorkflowFile(file, options.registry)));
      return found;
    },
  };
  // The run's wall-time limit: what its budget has left (--timeout, config, the calling spell's time).
  const timeLimit = new AbortController();
  const budget = options.host.budget;
  const limitTimer =
    budget &&
    setTimeout(
      () => timeLimit.abort(new WorkflowAbort(`run exceeded its time limit (${Number((budget.settings.timeoutMs / 1000).toFixed(3))} s)`, 'timeout')),
      // nested in a spell: a little later than the caller's deadline, so the caller reports its limit itself
      Math.max(0, budget.remainingMs() + (budget.depth === 0 ? 0 : NESTED_SLACK_MS)),
    );
  const signal = AbortSignal.any([options.signal ?? new AbortController().signal, timeLimit.signal]);
  emit({ type: 'run-started', runId, workflow: workflow.definition.name, file: workflow.display, nodes: workflow.graph.nodes.length, at: Date.now() });
  let outputs: Record<string, unknown> = {};
  let error: ErrorInfo | undefined;
  try {
    outputs = await runGraph({
      shared,
      graph: workflow.graph,
      scope: new Scope(inputs),
      prefix: '',
      signal,
      stack: [workflow.file],
      readCache,
    });
    checkOutputs(workflow.definition.outputs, outputs, workflow.display);
  } catch (caught) {
    error = errorInfo(caught);
  } finally {
    clearTimeout(limitTimer);
  }
  await options.host.cache?.flush();
  const durationMs = performance.now() - started;
  const outcome: WorkflowOutcome = { runId, ok: !error, outputs: error ? {} : outputs, ...(error ? { error } : {}), failed, durationMs, tokens };
  emit({ type: 'run-finished', ...outcome });
  return outcome;
}

/** Which nodes may read the cache: all with `useCache`; with `from`, those not downstream of it. */
function cachePolicy(workflow: LoadedWorkflow, options: RunWorkflowOptions): (node: CompiledNode) => boolean {
  if (options.useCache) return () => true;
  if (options.from === undefined) return () => false;
  const start = workflow.graph.byId.get(options.from);
  if (!start) {
    throw new UnknownNodeError(`--from ${options.from}: no such node in ${workflow.display} (nodes: ${[...workflow.graph.byId.keys()].join(', ')})`);
  }
  const rerun = new Set<CompiledNode>([start]);
  for (const node of rerun) for (const edge of node.outgoing) rerun.add(edge.to);
  return (node) => !rerun.has(node);
}

function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof NodeFailure) return error.info;
  if (error instanceof WorkflowAbort) return { code: error.code, message: `workflow ${error.code === 'timeout' ? 'timed out' : 'stopped'}: ${error.message}` };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'stopped', message: 'workflow stopped: cancelled' };
  return { code: 'workflow_error', message: error instanceof Error ? error.message : String(error) };
}
