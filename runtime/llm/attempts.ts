/**
 * Attempt control for LLM calls: a per-attempt abort signal that fires on the caller's cancel or on a
 * (resettable) timeout, and a retry loop with exponential backoff that honours Retry-After.
 */
import { LlmError } from './llm-error';

/** The abort signal of one attempt, and why it fired. */
export interface Attempt {
  readonly signal: AbortSignal;
  /** `timeout` or `cancelled` once aborted, else undefined. */
  reason(): 'timeout' | 'cancelled' | undefined;
  /** Restarts the timeout (streams: time allowed until the next chunk). */
  touch(): void;
  dispose(): void;
}

/** Starts an attempt that aborts after `timeoutMs` without `touch()`, or when `parent` aborts. */
export function startAttempt(timeoutMs: number, parent?: AbortSignal): Attempt {
  const controller = new AbortController();
  let why: 'timeout' | 'cancelled' | undefined;
  const abort = (reason: 'timeout' | 'cancelled') => {
    if (why) return;
    why = reason;
    controller.abort(new Error(reason));
  };
  const onParentAbort = () => abort('cancelled');
  let timer = setTimeout(() => abort('timeout'), timeoutMs);
  if (parent?.aborted) abort('cancelled');
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    reason: () => why,
    touch() {
      clearTimeout(timer);
      if (!why) timer = setTimeout(() => abort('timeout'), timeoutMs);
    },
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** How many times to retry and how long to wait in between. */
export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** First backoff delay; doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of any single wait (Retry-After included). */
  maxDelayMs: number;
}

/** Default policy: 2 retries, 500 ms doubling, at most 8 s (the openai SDK's own numbers). */
export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 500, maxDelayMs: 8000 };

function sleep(ms: number, signal: AbortSignal | undefined, provider: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LlmError(`${provider}: cancelled`, 'cancelled', provider));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError(`${provider}: cancelled`, 'cancelled', provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or the retries are spent.
 * `fn(attemptNo)` gets 0 for the first attempt. Backoff waits are cancelled by `signal`.
 */
export async function withRetries<T>(
  provider: string,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  fn: (attemptNo: number) => Promise<T>,
): Promise<T> {
  for (let attemptNo = 0; ; attemptNo++) {
    try {
      return await fn(attemptNo);
    } catch (err) {
      const retry = err instanceof LlmError && err.retryable && attemptNo < policy.retries && !signal?.aborted;
      if (!retry) throw err;
      const backoff = policy.baseDelayMs * 2 ** attemptNo * (1 - Math.random() * 0.25);
      await sleep(Math.min(err.retryAfterMs ?? backoff, policy.maxDelayMs), signal, provider);
    }
  }
}
