/**
 * A rate limit shared by every run of a batch in one process: at most `max` LLM calls per `perMs`
 * per provider, in a sliding window. Calls over the limit wait their turn (first come, first served).
 */

/** `N/s`, `N/min` or `N/h`. */
export interface RateSpec {
  max: number;
  perMs: number;
}

const UNITS: Record<string, number> = { s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** Parses `--rate 10/s`; throws with the expected form. */
export function parseRate(text: string): RateSpec {
  const match = /^\s*(\d+)\s*\/\s*([a-z]+)\s*$/.exec(text);
  const max = Number(match?.[1]);
  const perMs = match ? UNITS[match[2]!] : undefined;
  if (!match || !perMs || !Number.isInteger(max) || max < 1) throw new Error(`--rate expects a count per unit like 10/s, 600/min or 5000/h, got '${text}'`);
  return { max, perMs };
}

export class RateLimiter {
  private readonly starts = new Map<string, number[]>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly spec: RateSpec,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a call to `provider` may start. */
  acquire = (provider: string): Promise<void> => {
    // Chained per provider, so waiting callers go in arrival order.
    const turn = (this.tails.get(provider) ?? Promise.resolve()).then(() => this.take(provider));
    this.tails.set(provider, turn);
    return turn;
  };

  private async take(provider: string): Promise<void> {
    const starts = this.starts.get(provider) ?? [];
    this.starts.set(provider, starts);
    for (;;) {
      const now = this.now();
      while (starts.length > 0 && starts[0]! <= now - this.spec.perMs) starts.shift();
      if (starts.length < this.spec.max) {
        starts.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, starts[0]! + this.spec.perMs - now));
    }
  }
}
