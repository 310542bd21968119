/**
 * Messages between the engine process's main thread and the worker thread that runs a Tengo spell.
 * The worker runs the interpreter synchronously; for a bridge call it posts `call` and blocks in
 * Atomics.wait until the main thread (which owns the host RPC) has put a reply on the reply port.
 */
import type { MessagePort } from 'node:worker_threads';
import type { RunLimits } from '../../../contract/limits';

/** Slots of the shared Int32Array. */
export const WAKE = 0;
export const STOP = 1;

export interface WorkerStart {
  code: string;
  fileName: string;
  params: Record<string, unknown>;
  limits: RunLimits;
  mode: 'run' | 'test';
  /** Int32Array over it: [WAKE] is bumped for every reply, [STOP] set to 1 to end the run. */
  shared: SharedArrayBuffer;
  replies: MessagePort;
}

/** Worker → main thread. */
export type WorkerMessage =
  | { t: 'write'; text: string; stream: 'stdout' | 'stderr' }
  | { t: 'started' }
  | { t: 'log'; level: string; message: string; fieldsJson: string }
  | { t: 'notify'; name: string; dataJson: string }
  /** A blocking host call; the reply comes on the reply port. */
  | { t: 'call'; method: string; args: unknown[] }
  /** The worker wants the current call's stream ended (a callback asked to stop). */
  | { t: 'cancel' }
  /** A blocking sleep of the run (times.sleep), cut short by a stop. */
  | { t: 'done'; result?: unknown }
  | { t: 'failed'; message: string; aborted?: boolean };

/** Main thread → worker, on the reply port. */
export type Reply =
  | { kind: 'result'; ok: true; value: unknown }
  | { kind: 'result'; ok: false; error: string }
  | { kind: 'event'; event: unknown }
  | { kind: 'stop'; reason: string };
