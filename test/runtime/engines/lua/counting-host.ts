import type { Completion, EngineHost } from '../../../../runtime/engines/engine';

/**
 * An engine host for CPU-only Lua spells: keeps their output, counts how often the VM asks whether to
 * stop (`checks`) and asks for the watchdog thread (`busyCalls`); `stopReason` makes it say stop.
 */
export class CountingHost implements EngineHost {
  output = '';
  checks = 0;
  busyCalls = 0;
  stopReason: string | undefined;
  write(text: string): void {
    this.output += text;
  }
  flush(): void {
    // output is kept in memory; nothing to send
  }
  call(method: string): number {
    throw new Error(`no bridges here (${method})`);
  }
  cancel(): void {}
  started(): void {}
  busy(): void {
    this.busyCalls++;
  }
  now(): number {
    return performance.now();
  }
  check(): string | undefined {
    this.checks++;
    return this.stopReason;
  }
  log(): void {}
  notify(): void {}
  jsonDecode(): { value?: unknown; error?: string } {
    return {};
  }
  async waitForCompletions(): Promise<Completion[]> {
    return [];
  }
}
