/** Counts a batch's progress; `snapshot()` is what the progress bar, `--json` and the studio show. */
import type { BatchProgress, BatchResult } from '../contract/batch';

export class BatchTracker {
  private ok = 0;
  private failed = 0;
  private skipped = 0;
  private running = 0;
  private tokens = 0;
  private cost = 0;
  private priced = false;
  private finishedNow = 0;
  private readonly started = performance.now();

  constructor(private readonly total: number) {}

  /** A row whose result an earlier run recorded. */
  skip(result: BatchResult): void {
    this.skipped += 1;
    this.count(result);
  }

  start(): void {
    this.running += 1;
  }

  /** A row stopped before it finished (Ctrl+C): it runs again next time. */
  abandon(): void {
    this.running = Math.max(0, this.running - 1);
  }

  finish(result: BatchResult, wasRunning: boolean): void {
    if (wasRunning) this.running = Math.max(0, this.running - 1);
    if (result.status === 'ok') this.ok += 1;
    else this.failed += 1;
    this.finishedNow += 1;
    this.count(result);
  }

  private count(result: BatchResult): void {
    this.tokens += result.tokens?.total ?? 0;
    if (result.cost !== undefined) {
      this.cost += result.cost;
      this.priced = true;
    }
  }

  /** Sets how many rows run right now (a queue's workers report it). */
  setRunning(count: number): void {
    this.running = count;
  }

  snapshot(): BatchProgress {
    const elapsedMs = performance.now() - this.started;
    const done = this.ok + this.failed + this.skipped;
    const rate = elapsedMs > 0 ? (this.finishedNow * 1000) / elapsedMs : 0;
    const left = this.total - done;
    return {
      total: this.total,
      done,
      ok: this.ok,
      failed: this.failed,
      skipped: this.skipped,
      running: this.running,
      rate,
      ...(rate > 0 ? { etaSeconds: left / rate } : left === 0 ? { etaSeconds: 0 } : {}),
      tokens: this.tokens,
      ...(this.priced ? { cost: Math.round(this.cost * 1e6) / 1e6 } : {}),
      elapsedMs,
    };
  }
}
