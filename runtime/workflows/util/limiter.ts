/**
 * A counting semaphore: at most `size` holders at once, waiters served in arrival order, and a
 * waiter whose signal aborts leaves the queue.
 */
import { abortReason } from './abort';

/** Concurrency limit shared by every node of one run, bodies and nested workflows included. */
export class Limiter {
  private active = 0;
  private readonly waiting: { grant: () => void; signal: AbortSignal; onAbort: () => void }[] = [];

  constructor(readonly size: number) {}

  /** Resolves once a slot is free; the caller must `release()` it exactly once. */
  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        signal,
        grant: () => {
          signal.removeEventListener('abort', entry.onAbort);
          resolve();
        },
        onAbort: () => {
          const at = this.waiting.indexOf(entry);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(abortReason(signal));
        },
      };
      signal.addEventListener('abort', entry.onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  /** Frees a slot, handing it straight to the next waiter. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.active--;
  }
}
