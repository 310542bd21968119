/**
 * Human input for hosts with a user interface (the studio): `ask` parks each request until
 * `answer(requestId, text)` arrives from the form the UI shows for the `input-requested` event.
 * Cancelling the run rejects the request and drops it from `pending()`.
 */
import type { HumanInputRequest } from '../contract/workflow-events';
import type { HumanInput } from './host';
import { abortReason } from './util/abort';

interface Waiting {
  request: HumanInputRequest;
  resolve: (text: string) => void;
}

/** Open human-input requests of one run, answered by id. */
export class HumanRequests implements HumanInput {
  private readonly waiting = new Map<string, Waiting>();

  /** Parks `request` until it is answered or `signal` aborts. */
  ask(request: HumanInputRequest, signal: AbortSignal): Promise<string> {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.waiting.delete(request.requestId);
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(request.requestId, {
        request,
        resolve: (text) => {
          signal.removeEventListener('abort', onAbort);
          resolve(text);
        },
      });
    });
  }

  /** Answers request `requestId`; false when no such request waits (already answered, or cancelled). */
  answer(requestId: string, text: string): boolean {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return false;
    this.waiting.delete(requestId);
    waiting.resolve(text);
    return true;
  }

  /** The requests waiting for an answer, oldest first (to show again after a reload). */
  pending(): HumanInputRequest[] {
    return [...this.waiting.values()].map((w) => w.request);
  }
}
