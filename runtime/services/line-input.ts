import type { RunInput } from '../bridges/io';

/**
 * A queue of input lines fed from outside (stdin chunks in the CLI, `runs.input` in the studio) and
 * read by `io.read`. Readers wait for the next line; `end()` makes every reader see the end of input.
 */
export class LineInput implements RunInput {
  private buffer = '';
  private readonly lines: string[] = [];
  private ended = false;
  private waiters: (() => void)[] = [];

  /** @param onWaiting told when a reader starts waiting for a line (true) and when it stops (false). */
  constructor(private readonly onWaiting?: (waiting: boolean) => void) {}

  /** Adds raw text; complete lines become readable. */
  push(text: string): void {
    this.buffer += text;
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      this.lines.push(this.buffer.slice(0, newline).replace(/\r$/, ''));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
    this.notify();
  }

  /** Adds one whole line (the studio's input box). */
  pushLine(line: string): void {
    this.push(`${line.replace(/\r?\n$/, '')}\n`);
  }

  end(): void {
    if (this.buffer) this.lines.push(this.buffer);
    this.buffer = '';
    this.ended = true;
    this.notify();
  }

  async readLine(signal: AbortSignal): Promise<string | null> {
    let waited = false;
    try {
      while (this.lines.length === 0) {
        if (this.ended) return null;
        if (!waited) this.onWaiting?.(true);
        waited = true;
        await this.waitForChange(signal);
      }
      return this.lines.shift()!;
    } finally {
      if (waited) this.onWaiting?.(false);
    }
  }

  async readAll(signal: AbortSignal): Promise<string | null> {
    while (!this.ended) await this.waitForChange(signal);
    if (this.lines.length === 0) return null;
    return this.lines.splice(0).join('\n');
  }

  private waitForChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Error('cancelled'));
      const done = () => {
        signal.removeEventListener('abort', abort);
        resolve();
      };
      const abort = () => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error('cancelled'));
      };
      signal.addEventListener('abort', abort, { once: true });
      this.waiters.push(done);
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
