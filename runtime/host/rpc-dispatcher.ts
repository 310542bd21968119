import type { HostToEngine } from '../contract/engine-protocol';
import type { RunEvent } from '../contract/run-events';
import { BridgeError, type BridgeCallContext, type BridgeHandlers, type RunServices } from '../bridges/types';
import { scrubHostPaths } from '../security/scrub-paths';
import { monotonicMs } from './monotonic';

interface DispatcherHooks {
  bridges: BridgeHandlers;
  services: RunServices;
  onEvent?: (event: RunEvent) => void;
}

/**
 * Serves a run's bridge RPCs: looks the method up, gives the handler an AbortSignal (aborted by the
 * spell's cancel or the end of the run) and an `emit` for stream chunks, and answers exactly once.
 * Handler errors become `nil, message` for the spell; they never reach the host's own error path.
 */
export class RpcDispatcher {
  private readonly inflight = new Map<number, AbortController>();

  constructor(
    private readonly runId: string,
    private readonly hooks: DispatcherHooks,
    private readonly send: (message: HostToEngine) => void,
  ) {}

  call(id: number, method: string, args: unknown[]): void {
    const handler = Object.hasOwn(this.hooks.bridges, method) ? this.hooks.bridges[method] : undefined;
    if (!handler) {
      this.send({ type: 'rpc-result', id, ok: false, error: `unknown bridge function '${method}'` });
      return;
    }
    const controller = new AbortController();
    this.inflight.set(id, controller);
    const started = monotonicMs();
    const startedAt = Date.now();
    const context = this.context(controller.signal, (value: unknown) => {
      if (controller.signal.aborted) return;
      this.send({ type: 'rpc-event', id, value });
      // Streamed text is also a run event: the console shows tokens as they arrive.
      if (typeof value === 'string') this.hooks.onEvent?.({ type: 'token', runId: this.runId, text: value });
    });
    Promise.resolve()
      .then(() => {
        // Cancelled before it started: never start it.
        if (controller.signal.aborted) throw new Error('cancelled');
        return handler(args, context);
      })
      .then(
        (value) => this.answer(id, method, started, startedAt, { type: 'rpc-result', id, ok: true, value }),
        (error: unknown) =>
          // host paths never reach the spell (an fs error names the user's folders)
          this.answer(id, method, started, startedAt, { type: 'rpc-result', id, ok: false, error: scrubHostPaths(error instanceof Error ? error.message : String(error)), ...errorCode(error) }),
      );
  }

  /** A handler's context: its call's signal and emit, and `call` for the bridge methods it uses in turn. */
  private context(signal: AbortSignal, emit: (value: unknown) => void): BridgeCallContext {
    return {
      runId: this.runId,
      signal,
      services: this.hooks.services,
      emit,
      call: (method, args, onEmit) => this.inner(method, args, signal, onEmit),
      event: (event) => this.hooks.onEvent?.(event),
    };
  }

  /**
   * A bridge call a handler makes for the spell (the host's agent loop asking the model): the same
   * handler table, so the same permission guard, budget and rate limits; ended by the outer call's
   * signal; reported as a `call` event like the spell's own calls, so the run's trace looks the same.
   */
  private async inner(method: string, args: unknown[], signal: AbortSignal, emit?: (value: unknown) => void): Promise<unknown> {
    const handler = Object.hasOwn(this.hooks.bridges, method) ? this.hooks.bridges[method] : undefined;
    if (!handler) throw new BridgeError(`unknown bridge function '${method}'`, 'bad_argument');
    signal.throwIfAborted();
    const started = monotonicMs();
    const startedAt = Date.now();
    let ok = false;
    try {
      const value = await handler(args, this.context(signal, (value) => !signal.aborted && emit?.(value)));
      ok = true;
      return value;
    } finally {
      if (!signal.aborted) this.hooks.onEvent?.({ type: 'call', runId: this.runId, method, durationMs: monotonicMs() - started, ok, startedAt });
    }
  }

  cancel(id: number): void {
    this.inflight.get(id)?.abort();
    this.inflight.delete(id);
  }

  abortAll(): void {
    for (const controller of this.inflight.values()) controller.abort();
    this.inflight.clear();
  }

  private answer(id: number, method: string, started: number, startedAt: number, message: HostToEngine & { type: 'rpc-result' }): void {
    const controller = this.inflight.get(id);
    if (!controller) return; // cancelled or the run is over
    this.inflight.delete(id);
    this.send(message);
    this.hooks.onEvent?.({ type: 'call', runId: this.runId, method, durationMs: monotonicMs() - started, ok: message.ok, startedAt });
  }
}

/** A BridgeError's code (`{ code }`), or nothing. */
function errorCode(error: unknown): { code?: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? { code } : {};
}
