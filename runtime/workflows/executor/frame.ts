/**
 * State of a workflow run: `RunShared` is one per run (events, slots, tokens, the file loader);
 * a `Frame` is one per graph being run (the workflow itself, each body run, each nested workflow).
 */
import type { ErrorInfo } from '../../contract/engine-protocol';
import type { TokenCount, WorkflowEvent } from '../../contract/workflow-events';
import type { Scope } from '../expression/evaluate';
import type { CompiledGraph, CompiledNode } from '../graph/compiled-graph';
import type { WorkflowHost } from '../host';
import type { Limiter } from '../util/limiter';
import type { LoadedWorkflow } from '../workflow-loader';

/** One per run. */
export interface RunShared {
  readonly runId: string;
  readonly host: WorkflowHost;
  readonly limiter: Limiter;
  emit(event: WorkflowEvent): void;
  readonly tokens: TokenCount;
  /** Nodes that failed under `continue` or `fallback`. */
  readonly failed: string[];
  /** Loads (and checks) another workflow file by absolute path; throws listing its problems. */
  load(file: string): LoadedWorkflow;
  /** Write results to the cache (when the host has one). */
  readonly cacheWrite: boolean;
  /** Runs a graph to its outputs (passed in, so nested runs need not import the scheduler). */
  runGraph(frame: Frame): Promise<Record<string, unknown>>;
}

/** One per graph run. */
export interface Frame {
  readonly shared: RunShared;
  readonly graph: CompiledGraph;
  /** Workflow inputs, and the values a body run adds. */
  readonly scope: Scope;
  /** Path prefix of node ids in events (`improve[2]/`). */
  readonly prefix: string;
  readonly signal: AbortSignal;
  /** Workflow files being run, outermost first (cycle detection of nested workflows). */
  readonly stack: readonly string[];
  /** Whether `node` may take its result from the cache (`--from`, `--cache`). */
  readonly readCache: (node: CompiledNode) => boolean;
}

/** A node failed and its policy ends the graph; carries what the run reports. */
export class NodeFailure extends Error {
  override name = 'NodeFailure';
  constructor(
    readonly nodeId: string,
    readonly info: ErrorInfo,
  ) {
    super(info.message);
  }
}

/** Adds one usage report to a running total. */
export function addTokens(total: TokenCount, usage: { promptTokens: number; completionTokens: number; totalTokens: number }): void {
  total.prompt += usage.promptTokens;
  total.completion += usage.completionTokens;
  total.total += usage.totalTokens;
}
