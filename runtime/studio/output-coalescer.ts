import type { RunEvent } from '../contract/run-events';

/** How long a run's output may wait to be joined with the output after it (ms). */
export const COALESCE_MS = 16;
/** Output joined into one event is sent at once past this many characters. */
export const COALESCE_MAX_CHARS = 256 * 1024;

type OutputEvent = Extract<RunEvent, { type: 'output' }>;

/**
 * Joins a run's consecutive output of one stream into fewer, larger events, at most one per
 * {@link COALESCE_MS}: a spell printing in a tight loop reaches the host as hundreds of small IPC
 * messages a second, and each one pushed as its own WebSocket message costs the page a task (and
 * the browser an IPC hop) while it is busiest. Order is kept: any other event, or output of the
 * other stream, sends the waiting output first. Output after a quiet spell goes out at once, so a
 * lone streamed chunk is never delayed.
 */
export class OutputCoalescer {
  private pending: { event: OutputEvent; parts: string[]; chars: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** When output last went out (ms, performance clock). */
  private lastSent = -Infinity;

  constructor(
    private readonly emit: (event: RunEvent) => void,
    private readonly windowMs = COALESCE_MS,
  ) {}

  push(event: RunEvent): void {
    if (event.type !== 'output') {
      this.flush();
      this.emit(event);
      return;
    }
    const pending = this.pending;
    if (pending && pending.event.stream === event.stream) {
      pending.parts.push(event.text);
      pending.chars += event.text.length;
      if (pending.chars >= COALESCE_MAX_CHARS) this.flush();
      return;
    }
    this.flush();
    if (performance.now() - this.lastSent >= this.windowMs) {
      this.lastSent = performance.now();
      this.emit(event);
      return;
    }
    this.pending = { event, parts: [event.text], chars: event.text.length };
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.windowMs - (performance.now() - this.lastSent)));
  }

  /** Sends the waiting output now (the run ended, or another event must follow it). */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.lastSent = performance.now();
    this.emit(pending.parts.length === 1 ? pending.event : { ...pending.event, text: pending.parts.join('') });
  }
}
