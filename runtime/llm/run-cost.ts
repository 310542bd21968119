/**
 * The cost of one run tree (a run and every run nested in it): what its LLM calls cost at the
 * configured prices, per model, against its cost cap (`limits.cost`, `--max-cost`, a manifest's
 * `limits.cost`). One per top-level run, shared down the tree like the time and CPU budgets.
 *
 * The cap is enforced twice: a call is refused before it leaves when the spending so far plus the
 * estimated cost of its prompt alone would pass the cap (the next call would exceed it), and the call
 * that takes the spending past the cap (its answer's size is only known afterwards) ends the run once
 * it finished. Either way every listener hears it once, so the whole tree stops with `cost_limit`.
 */
import { LlmError } from './llm-error';
import { costOf, formatUsd, priceFor, type CostReport, type ModelCost, type PriceTable } from '../contract/prices';

export type { CostReport, ModelCost } from '../contract/prices';

/** What one finished call cost. */
export interface CallCost {
  cost: number;
  priced: boolean;
  /** The tree's total after this call. */
  total: number;
}

export class RunCost {
  private spent = 0;
  private readonly models = new Map<string, ModelCost>();
  private readonly listeners = new Set<(message: string) => void>();
  private stopped: string | undefined;

  constructor(
    private readonly prices: PriceTable,
    /** The cap in US dollars; absent: none. */
    readonly limitUsd?: number,
  ) {}

  /**
   * Throws an LlmError (kind `cost`) when the tree is over its cap, or when `promptTokens` of input
   * at `model`'s price would take it past the cap; the run is then stopped.
   */
  check(provider: string, model: string, promptTokens: number): void {
    const limit = this.limitUsd;
    if (limit === undefined) return;
    if (this.stopped) throw new LlmError(this.stopped, 'cost', provider);
    const match = priceFor(this.prices, provider, model);
    const least = match ? costOf(match.price, promptTokens, 0) : 0;
    if (this.spent + least > limit && (least > 0 || this.spent > limit)) {
      const message = `LLM cost limit reached: the next call to ${model} would cost about ${formatUsd(least)} for its prompt alone, and the run has spent ${formatUsd(this.spent)} of its ${formatUsd(limit)} (limits.cost)`;
      this.over(message);
      throw new LlmError(message, 'cost', provider);
    }
  }

  /** Adds a finished call's tokens at its model's price; ends the run when it took spending past the cap. */
  add(provider: string, model: string, inputTokens: number, outputTokens: number): CallCost {
    const match = priceFor(this.prices, provider, model);
    const cost = match ? costOf(match.price, inputTokens, outputTokens) : 0;
    const line = this.models.get(model) ?? { calls: 0, inputTokens: 0, outputTokens: 0, cost: 0, priced: match !== undefined };
    line.calls += 1;
    line.inputTokens += Math.max(0, inputTokens);
    line.outputTokens += Math.max(0, outputTokens);
    line.cost += cost;
    this.models.set(model, line);
    this.spent += cost;
    const limit = this.limitUsd;
    if (limit !== undefined && this.spent > limit) {
      this.over(`LLM cost limit exceeded: the run spent ${formatUsd(this.spent)}, over its limit of ${formatUsd(limit)} (limits.cost); the last call to ${model} cost ${formatUsd(cost)}`);
    }
    return { cost, priced: match !== undefined, total: this.spent };
  }

  /** Dollars spent so far by the whole tree. */
  get total(): number {
    return this.spent;
  }

  /** Why the tree was stopped by its cap, or undefined while it is within it. */
  get stopReason(): string | undefined {
    return this.stopped;
  }

  /** Calls `listener` with the reason once the cap stops the tree (at once if it already did); returns the unsubscribe. */
  onOver(listener: (message: string) => void): () => void {
    if (this.stopped) {
      listener(this.stopped);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  report(): CostReport {
    const models = Object.fromEntries([...this.models].map(([model, line]) => [model, { ...line }]));
    return { currency: 'USD', total: this.spent, ...(this.limitUsd !== undefined ? { limit: this.limitUsd } : {}), models };
  }

  private over(message: string): void {
    if (this.stopped) return;
    this.stopped = message;
    for (const listener of [...this.listeners]) listener(message);
    this.listeners.clear();
  }
}
