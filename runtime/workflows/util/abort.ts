/**
 * Small AbortSignal helpers: a cancellation error with a code, a rejection when a signal aborts, and
 * a sleep that a signal cuts short.
 */

/** A node or run ended because it was cancelled or timed out; `code` is `stopped` or `timeout`. */
export class WorkflowAbort extends Error {
  override name = 'WorkflowAbort';
  constructor(
    message: string,
    readonly code: 'stopped' | 'timeout' | 'cost_limit' = 'stopped',
  ) {
    super(message);
  }
}

/** The reason a signal aborted with, as an Error. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new WorkflowAbort(typeof reason === 'string' ? reason : 'cancelled');
}

/** Rejects as soon as `signal` aborts; otherwise settles like `work`. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error as Error)),
    );
  });
}

/** Waits `ms`, or rejects when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(abortReason(signal)));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
