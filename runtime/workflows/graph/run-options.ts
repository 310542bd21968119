/**
 * A node's run options from its own fields and the workflow's settings. Defaults from `settings`
 * (timeout, retry) apply to nodes doing outside work; a container (loop, parallel, nested workflow)
 * only gets a limit written on itself, since its time is the sum of its inner nodes'.
 */
import type { FailurePolicy, RetrySpec, WorkflowNode, WorkflowSettings } from '../../contract/workflow';

/** The resolved options. */
export interface RunOptions {
  policy: FailurePolicy;
  timeoutMs?: number;
  retries: number;
  retryDelayMs: number;
  cache: boolean;
  slot: boolean;
}

/** Default first delay between attempts, when `retry` is a bare count. */
const DEFAULT_RETRY_DELAY_MS = 500;

function retryOf(spec: RetrySpec | undefined): { retries: number; retryDelayMs: number } {
  if (spec === undefined) return { retries: 0, retryDelayMs: DEFAULT_RETRY_DELAY_MS };
  if (typeof spec === 'number') return { retries: spec, retryDelayMs: DEFAULT_RETRY_DELAY_MS };
  return { retries: spec.attempts, retryDelayMs: Math.round((spec.delay ?? DEFAULT_RETRY_DELAY_MS / 1000) * 1000) };
}

/** Options of `node`; `slot` says whether it does outside work. */
export function runOptions(node: WorkflowNode, slot: boolean, settings: WorkflowSettings | undefined): RunOptions {
  const timeout = node.timeout ?? (slot ? settings?.timeout : undefined);
  return {
    policy: node.on_error ?? 'stop',
    ...(timeout !== undefined ? { timeoutMs: Math.round(timeout * 1000) } : {}),
    ...retryOf(node.retry ?? (slot ? settings?.retry : undefined)),
    cache: node.cache ?? settings?.cache ?? true,
    slot,
  };
}
