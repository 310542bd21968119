import type { EngineToHost } from '../contract/engine-protocol';
import type { ParentPort } from './parent-port';

/**
 * Sends messages to the host in order, coalescing consecutive output of the same stream so a spell
 * that prints in a tight loop costs one IPC message per tick, not one per line.
 */
export class Outbox {
  private pending: { stream: 'stdout' | 'stderr'; parts: string[]; bytes: number; since: number } | undefined;
  private scheduled = false;
  /** A spell computing without yielding must not hold its earlier output back longer than this. */
  static readonly MAX_DELAY_MS = 20;
  static readonly MAX_BYTES = 64 * 1024;

  /**
   * `watcher` hears when output starts waiting and when it is sent: the engine's watchdog thread
   * flushes from outside while a spell computes without yielding (no hook calls in here any more).
   */
  constructor(
    private readonly port: ParentPort,
    private readonly watcher?: { outputPending(): void; outputFlushed(): void },
  ) {}

  output(stream: 'stdout' | 'stderr', text: string): void {
    if (this.pending && this.pending.stream !== stream) this.flush();
    if (!this.pending) {
      this.pending = { stream, parts: [], bytes: 0, since: performance.now() };
      this.watcher?.outputPending();
    }
    this.pending.parts.push(text);
    this.pending.bytes += text.length;
    if (this.pending.bytes >= Outbox.MAX_BYTES) this.flush();
    else this.flushIfStale();
    if (this.pending && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends a message after any output written before it; `onSent` once it left the process. */
  send(message: EngineToHost, onSent?: () => void): void {
    this.flush();
    this.port.send(message, onSent);
  }

  /** Called from the VM's hook and the watchdog too, so output appears while a spell computes. */
  flushIfStale(): void {
    if (this.pending && performance.now() - this.pending.since >= Outbox.MAX_DELAY_MS) this.flush();
  }

  flush(): void {
    this.scheduled = false;
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.watcher?.outputFlushed();
    this.port.send({ type: 'output', stream: pending.stream, text: pending.parts.join('') } satisfies EngineToHost);
  }
}
