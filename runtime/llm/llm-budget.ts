/**
 * Per-run LLM budgets (limits.llm_calls, limits.tokens, limits.llm_rate), enforced in the host before
 * each request leaves: a spell in a loop cannot spend without bound, whatever it does with the error.
 */
import { LlmError } from './llm-error';

/** The limits; an absent one is unlimited. */
export interface LlmBudgetLimits {
  /** Requests in the whole run. */
  calls?: number;
  /** Tokens (prompt + completion) in the whole run; checked before each request. */
  tokens?: number;
  /** Requests in any 60 seconds. */
  perMinute?: number;
}

const MINUTE_MS = 60_000;

/** Counts a run's requests and tokens against its limits. */
export class LlmBudget {
  private calls = 0;
  private tokens = 0;
  private readonly recent: number[] = [];

  constructor(
    private readonly limits: LlmBudgetLimits,
    private readonly now: () => number = Date.now,
    /** Told once, the first time a limit stops a request (stderr, the run's log). */
    private onHit: (message: string) => void = () => {},
  ) {}

  /** Throws an LlmError (kind `budget`) when a request now would go past a limit; else counts it. */
  take(provider: string): void {
    const { calls, tokens, perMinute } = this.limits;
    const t = this.now();
    while (this.recent.length > 0 && this.recent[0]! <= t - MINUTE_MS) this.recent.shift();
    let problem: string | undefined;
    if (calls !== undefined && this.calls >= calls) problem = `the run made its ${calls} LLM calls (limits.llm_calls)`;
    else if (tokens !== undefined && this.tokens >= tokens) problem = `the run used ${this.tokens} of its ${tokens} tokens (limits.tokens)`;
    else if (perMinute !== undefined && this.recent.length >= perMinute) problem = `the run made ${perMinute} LLM calls in the last minute (limits.llm_rate)`;
    if (problem) {
      const message = `LLM budget reached: ${problem}`;
      this.onHit(message);
      this.onHit = () => {};
      throw new LlmError(message, 'budget', provider);
    }
    this.calls += 1;
    this.recent.push(t);
  }

  /** Adds a finished request's tokens. */
  spend(tokens: number): void {
    this.tokens += Math.max(0, tokens);
  }
}
