/**
 * Accumulates the token usage of every LLM call of a run, for the end-of-run report.
 */

/** Usage of one finished call. */
export interface LlmCallUsage {
  provider: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  durationMs: number;
  /** US dollars at the configured price (0 when unpriced). */
  cost: number;
}

/** Totals over a run's calls, and the calls themselves in completion order. */
export interface LlmUsageReport {
  calls: LlmCallUsage[];
  totals: { calls: number; promptTokens: number; completionTokens: number; totalTokens: number; durationMs: number; cost: number };
}

/** Collects per-call usage. One per service (per run). */
export class UsageMeter {
  private readonly calls: LlmCallUsage[] = [];

  record(call: LlmCallUsage): void {
    this.calls.push(call);
  }

  report(): LlmUsageReport {
    const totals = { calls: this.calls.length, promptTokens: 0, completionTokens: 0, totalTokens: 0, durationMs: 0, cost: 0 };
    for (const c of this.calls) {
      totals.promptTokens += c.promptTokens;
      totals.completionTokens += c.completionTokens;
      totals.totalTokens += c.totalTokens;
      totals.durationMs += c.durationMs;
      totals.cost += c.cost;
    }
    totals.cost = Math.round(totals.cost * 1e9) / 1e9; // a float sum must not read 0.10200000000000001
    return { calls: this.calls.map((c) => ({ ...c })), totals };
  }
}
