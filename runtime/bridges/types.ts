import type { RunEvent } from '../contract/run-events';

/**
 * The host side of a bridge: a spell's side-effecting call (`llm.chat`, `http.get`, ...) arrives as an
 * RPC from the engine process and is served by a handler registered under its method name.
 */

/** What a handler may use: the run's capabilities, passed in, never global. */
export interface BridgeCallContext {
  readonly runId: string;
  /** Aborted when the run stops, times out, or the spell cancels this call. */
  readonly signal: AbortSignal;
  /** Sends an intermediate value (a stream chunk) to the spell for this call. */
  emit(value: unknown): void;
  /** The run's services (LLM providers, policy, storage ...); each bridge module reads its own. */
  readonly services: RunServices;
  /**
   * Calls another bridge method of this run through the run's own handlers, so permissions, budget
   * and rate limits apply exactly as if the spell had called it (the host's agent loop asks the model
   * and runs built-in tools this way); `emit` gets its stream chunks. Absent outside engine runs.
   */
  call?(method: string, args: unknown[], emit?: (value: unknown) => void): Promise<unknown>;
  /** Adds an event to the run's stream (the tool calls of the host's agent loop). Absent outside engine runs. */
  event?(event: RunEvent): void;
}

/** Capabilities of one run. Bridge modules add their service here as they arrive. */
export interface RunServices {
  [name: string]: unknown;
}

/** Serves one RPC method. Throw a `BridgeError` (or any Error) to return `nil, message` to the spell. */
export type BridgeHandler = (args: unknown[], ctx: BridgeCallContext) => Promise<unknown>;

// The error a handler throws to answer `nil, message` is a contract type: policy throws it too.
export { BridgeError } from '../contract/error-codes';

/** One bridge module's handlers, keyed by full method name (`llm.chat`). */
export type BridgeHandlers = Record<string, BridgeHandler>;
