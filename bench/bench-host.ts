import type { Completion, EngineHost } from '../runtime/engines/engine';

/**
 * The least an engine needs to run a CPU-only workload in this process: output is collected, bridge
 * calls are refused, and nothing ever stops the run.
 */
export class BenchHost implements EngineHost {
  output = '';
  startedAt: number | undefined;

  write(text: string): void {
    this.output += text;
  }
  call(method: string): number {
    throw new Error(`bench workloads call no bridges (called ${method})`);
  }
  cancel(): void {}
  flush(): void {}
  started(): void {
    this.startedAt = performance.now();
  }
  now(): number {
    return performance.now();
  }
  check(): string | undefined {
    return undefined;
  }
  log(): void {}
  notify(): void {}
  jsonDecode(text: string): { value?: unknown; error?: string } {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch (error) {
      return { error: String(error) };
    }
  }
  async waitForCompletions(): Promise<Completion[]> {
    return [];
  }
}
