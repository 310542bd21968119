/** The worker's side of bridge calls: post the call, block until the main thread answers. */
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { STOP, WAKE, type Reply, type WorkerMessage } from './protocol';

/** What a finished call gives: a value, or the host's error message. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: string };

export class SyncHost {
  private readonly flags: Int32Array;

  constructor(
    shared: SharedArrayBuffer,
    private readonly replies: MessagePort,
  ) {
    this.flags = new Int32Array(shared);
  }

  post(message: WorkerMessage): void {
    parentPort!.postMessage(message);
  }

  /** The stop flag the main thread sets; the interpreter polls it at its checks. */
  stopRequested(): boolean {
    return Atomics.load(this.flags, STOP) !== 0;
  }

  /** Blocks until the next reply. */
  private next(): Reply {
    for (;;) {
      const got = receiveMessageOnPort(this.replies);
      if (got) return got.message as Reply;
      const seen = Atomics.load(this.flags, WAKE);
      // Re-check after reading the counter: a reply posted in between would otherwise be missed.
      const again = receiveMessageOnPort(this.replies);
      if (again) return again.message as Reply;
      Atomics.wait(this.flags, WAKE, seen, 1000);
    }
  }

  /**
   * A host RPC, waited for. `onEvent` gets stream events (chunks) as they arrive; returning a
   * reason from it asks the host to end the stream.
   */
  call(method: string, args: unknown[], onEvent?: (event: unknown) => string | undefined): CallResult {
    this.post({ t: 'call', method, args });
    let cancelled: string | undefined;
    let thrown: { e: unknown } | undefined;
    for (;;) {
      const r = this.next();
      if (r.kind === 'stop') throw new StopSignal(r.reason);
      if (r.kind === 'event') {
        if (!cancelled && onEvent) {
          try {
            cancelled = onEvent(r.event);
          } catch (e) {
            // The callback failed (a runtime error a test case may catch): end this call and wait
            // for its result, so no late reply of it is taken for the next call's.
            thrown = { e };
            cancelled = 'callback failed';
          }
          if (cancelled) this.post({ t: 'cancel' });
        }
        continue;
      }
      if (thrown) throw thrown.e;
      if (cancelled) return { ok: false, error: cancelled };
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
    }
  }

  /** Sleeps without spinning; a stop request wakes it. */
  sleep(ms: number): void {
    const until = performance.now() + ms;
    while (!this.stopRequested()) {
      const left = until - performance.now();
      if (left <= 0) return;
      Atomics.wait(this.flags, STOP, 0, left);
    }
  }
}

/** The run was stopped while it waited for the host. */
export class StopSignal extends Error {
  override name = 'StopSignal';
}
