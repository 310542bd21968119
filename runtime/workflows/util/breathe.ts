/**
 * Lets the event loop turn during host-side workflow work. A loop whose body is pure (transforms,
 * conditions) resolves round after round on microtasks alone, so timers (the time limit), signals
 * (Ctrl+C) and other requests (the studio) would never get a turn. Every node start and body round
 * calls `breathe`: at most every few milliseconds it waits for one macrotask turn, then throws if the
 * run was cancelled meanwhile.
 */
import { abortReason } from './abort';

/** Longest stretch of workflow work between two turns of the event loop. */
const SLICE_MS = 10;
let lastTurn = performance.now();

/** Yields to the event loop when the current slice is used up; throws the abort reason once cancelled. */
export async function breathe(signal: AbortSignal): Promise<void> {
  if (performance.now() - lastTurn >= SLICE_MS) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  }
  if (signal.aborted) throw abortReason(signal);
}
