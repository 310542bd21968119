/**
 * Runs one node: from the cache when allowed, else attempt by attempt with a concurrency slot, a
 * per-attempt timeout and retries with doubling delays, emitting started / finished / failed events.
 * Resolves with the node's ports, or with its final error; rejects only when the run is cancelled.
 */
import path from 'node:path';
import type { ErrorInfo } from '../../contract/engine-protocol';
import type { TokenCount } from '../../contract/workflow-events';
import { NodeCache } from '../cache/node-cache';
import type { CompiledNode } from '../graph/compiled-graph';
import type { NodeResult } from '../node-types';
import { abortReason, raceAbort, sleep, WorkflowAbort } from '../util/abort';
import { breathe } from '../util/breathe';
import { NodeFailure, type Frame } from './frame';
import { nodeContext } from './node-context';

/** How a node ended. */
export type NodeOutcome = { ok: true; result: NodeResult } | { ok: false; error: ErrorInfo };

/** Runs `node` (shown as `id`) with `inputs`. */
export async function runNode(frame: Frame, node: CompiledNode, id: string, inputs: Record<string, unknown>): Promise<NodeOutcome> {
  await breathe(frame.signal); // pure work (nested loops) never starves timers, signals and Stop
  const { shared } = frame;
  const type = node.spec.type;
  const cache = shared.host.cache;
  const key =
    cache && node.cache && (node.def.cacheable ?? node.slot)
      ? NodeCache.key({ workflow: frame.graph.file, node: id, type, config: node.spec.config ?? {}, inputs, scope: frame.scope.snapshot() })
      : undefined;
  if (cache && key && frame.readCache(node)) {
    const started = performance.now();
    const hit = await cache.get(frame.graph.file, key);
    if (hit) {
      shared.emit({ type: 'node-finished', runId: shared.runId, nodeId: id, nodeType: type, output: hit.output, durationMs: performance.now() - started, cached: true });
      return { ok: true, result: hit.output };
    }
  }
  const tokens: TokenCount = { prompt: 0, completion: 0, total: 0 };
  for (let attempt = 1; ; attempt++) {
    if (node.slot) await shared.limiter.acquire(frame.signal);
    const started = performance.now();
    shared.emit({ type: 'node-started', runId: shared.runId, nodeId: id, nodeType: type, attempt, at: Date.now(), inputs });
    const timer = node.timeoutMs === undefined ? undefined : new AbortController();
    const timeout = timer && setTimeout(() => timer.abort(new WorkflowAbort(`timed out after ${node.timeoutMs! / 1000} s`, 'timeout')), node.timeoutMs);
    const signal = timer ? AbortSignal.any([frame.signal, timer.signal]) : frame.signal;
    try {
      const ctx = nodeContext(frame, { node, id, inputs, signal, tokens });
      const result = await raceAbort(Promise.resolve().then(() => node.def.run(ctx)), signal);
      if (typeof result !== 'object' || result === null || Array.isArray(result)) throw new Error('the node returned no port values');
      const durationMs = performance.now() - started;
      const used = tokens.total > 0 ? { tokens: { ...tokens } } : {};
      shared.emit({ type: 'node-finished', runId: shared.runId, nodeId: id, nodeType: type, output: result, durationMs, ...used, cached: false });
      if (cache && key && shared.cacheWrite) cache.put(frame.graph.file, key, { output: result, durationMs });
      return { ok: true, result };
    } catch (error) {
      if (frame.signal.aborted) throw abortReason(frame.signal); // the run (or graph) stopped: no retry, no report
      const info = describe(error, node, id, frame);
      const retrying = attempt <= node.retries;
      const durationMs = performance.now() - started;
      shared.emit({ type: 'node-failed', runId: shared.runId, nodeId: id, nodeType: type, error: info, attempt, retrying, policy: node.policy, durationMs });
      if (!retrying) return { ok: false, error: info };
    } finally {
      clearTimeout(timeout);
      if (node.slot) shared.limiter.release();
    }
    await sleep(node.retryDelayMs * 2 ** (attempt - 1), frame.signal);
  }
}

/** The error as the run reports it: the node, its type and file line, and the cause. */
function describe(error: unknown, node: CompiledNode, id: string, frame: Frame): ErrorInfo {
  // A failure inside a body or nested workflow already names the inner node: keep it.
  if (error instanceof NodeFailure) return error.info;
  const message = error instanceof Error ? error.message : String(error);
  const line = frame.graph.lineOf?.(node.path);
  const code = error instanceof WorkflowAbort ? error.code : typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'node_error';
  return {
    code,
    message: `node '${id}' (${node.spec.type}): ${message}`,
    file: path.relative(process.cwd(), frame.graph.file) || frame.graph.file,
    ...(line !== undefined ? { line } : {}),
  };
}
