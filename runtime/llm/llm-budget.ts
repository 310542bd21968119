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

/** Requests, tokens and recent request times of one scope (the run, or one provider in it). */
class Counter {
  calls = 0;
  tokens = 0;
  readonly recent: number[] = [];

  constructor(
    readonly limits: LlmBudgetLimits,
    /** How limits are named in messages: `limits` or `providers.openai`. */
    readonly key: string,
    /** How the scope is named in messages: `the run` or `the run's openai calls`. */
    readonly who: string,
  ) {}

  /** Why a request now would go past a limit, or undefined. */
  problem(t: number): string | undefined {
    while (this.recent.length > 0 && this.recent[0]! <= t - MINUTE_MS) this.recent.shift();
    const { calls, tokens, perMinute } = this.limits;
    if (calls !== undefined && this.calls >= calls) return `${this.who} made its ${calls} LLM calls (${this.key}.llm_calls)`;
    if (tokens !== undefined && this.tokens >= tokens) return `${this.who} used ${this.tokens} of its ${tokens} tokens (${this.key}.tokens)`;
    if (perMinute !== undefined && this.recent.length >= perMinute) return `${this.who} made ${perMinute} LLM calls in the last minute (${this.key}.llm_rate)`;
    return undefined;
  }
}

/** Counts a run's requests and tokens against its limits, and each provider's against its own. */
export class LlmBudget {
  private readonly run: Counter;
  private readonly providers = new Map<string, Counter>();

  constructor(
    limits: LlmBudgetLimits,
    private readonly perProvider: Readonly<Record<string, LlmBudgetLimits>> = {},
    private readonly now: () => number = Date.now,
    /** Told once, the first time a limit stops a request (stderr, the run's log). */
    private onHit: (message: string) => void = () => {},
  ) {
    this.run = new Counter(limits, 'limits', 'the run');
  }

  /** Throws an LlmError (kind `budget`) when a request to `provider` now would go past a limit; else counts it. */
  take(provider: string): void {
    const t = this.now();
    const scopes = [this.run, ...this.scope(provider)];
    const problem = scopes.map((c) => c.problem(t)).find((p) => p !== undefined);
    if (problem) {
      const message = `LLM budget reached: ${problem}`;
      this.onHit(message);
      this.onHit = () => {};
      throw new LlmError(message, 'budget', provider);
    }
    for (const c of scopes) {
      c.calls += 1;
      c.recent.push(t);
    }
  }

  /** Adds a finished request's tokens. */
  spend(provider: string, tokens: number): void {
    for (const c of [this.run, ...this.scope(provider)]) c.tokens += Math.max(0, tokens);
  }

  private scope(provider: string): Counter[] {
    const limits = this.perProvider[provider];
    if (!limits) return [];
    let counter = this.providers.get(provider);
    if (!counter) this.providers.set(provider, (counter = new Counter(limits, `providers.${provider}`, `the run's ${provider} calls`)));
    return [counter];
  }
}
