import type { EngineToHost } from '../contract/engine-protocol';
import type { ParentPort } from './parent-port';
import { monotonicMs } from './monotonic';

/**
 * Sends messages to the host in order, coalescing consecutive output of the same stream so a spell
 * that prints in a tight loop costs one IPC message per tick, not one per line.
 */
export class Outbox {
  private pending: { stream: 'stdout' | 'stderr'; parts: string[]; bytes: number; since: number } | undefined;
  private scheduled = false;
  /** Inside output/send/flush: an interrupt-time flush (flushFromOutside) must not run in the middle. */
  private busy = 0;
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
    this.busy++;
    try {
      if (this.pending && this.pending.stream !== stream) this.flush();
      let pending = this.pending;
      if (!pending) {
        pending = this.pending = { stream, parts: [], bytes: 0, since: monotonicMs() };
        this.watcher?.outputPending();
      }
      pending.parts.push(text);
      pending.bytes += text.length;
      if (pending.bytes >= Outbox.MAX_BYTES) this.flush();
      else this.flushIfStale();
      if (this.pending && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    } finally {
      this.busy--;
    }
  }

  /** Sends a message after any output written before it; `onSent` once it left the process. */
  send(message: EngineToHost, onSent?: () => void): void {
    this.busy++;
    try {
      this.flush();
      this.port.send(message, onSent);
    } finally {
      this.busy--;
    }
  }

  /** Called from the VM's hooks (session.check), so output appears while a spell computes. */
  flushIfStale(): void {
    const pending = this.pending;
    if (pending && monotonicMs() - pending.since >= Outbox.MAX_DELAY_MS) this.flush();
  }

  /**
   * The watchdog thread's flush (see watchdog.ts). It runs at an interrupt check of this thread, which
   * may fall inside this outbox's own code (output, send) or Node's IPC send it called: then it does
   * nothing, and the outbox's own flush follows anyway. Run there, it took the output from under
   * `output()` midway ("Cannot read properties of undefined") and the spell failed under load.
   */
  flushFromOutside(): void {
    if (this.busy === 0) this.flushIfStale();
  }

  flush(): void {
    this.scheduled = false;
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.busy++;
    try {
      this.watcher?.outputFlushed();
      this.port.send({ type: 'output', stream: pending.stream, text: pending.parts.join('') } satisfies EngineToHost);
    } finally {
      this.busy--;
    }
  }
}
