import { describe, expect, it } from 'vitest';
import { LlmError } from '../../../runtime/llm/llm-error';
import { RunCost } from '../../../runtime/llm/run-cost';

// $1 per million input tokens, $2 per million output tokens: 1,000 in + 1,000 out = $0.003
const PRICES = { m: { input: 1, output: 2 } };

describe('RunCost', () => {
  it('adds each call at its model price, per model, and leaves unpriced models at $0', () => {
    const cost = new RunCost(PRICES);
    expect(cost.add('p', 'm', 1000, 1000)).toEqual({ cost: 0.003, priced: true, total: 0.003 });
    expect(cost.add('p', 'other', 5000, 5000)).toEqual({ cost: 0, priced: false, total: 0.003 });
    cost.add('p', 'm', 1000, 0);
    const report = cost.report();
    expect(report.total).toBeCloseTo(0.004, 10);
    expect(report.limit).toBeUndefined();
    expect(report.models.m).toMatchObject({ calls: 2, inputTokens: 2000, outputTokens: 1000, priced: true });
    expect(report.models.other).toEqual({ calls: 1, inputTokens: 5000, outputTokens: 5000, cost: 0, priced: false });
  });

  it('without a cap never refuses', () => {
    const cost = new RunCost(PRICES);
    for (let i = 0; i < 10; i++) cost.add('p', 'm', 1_000_000, 1_000_000);
    expect(() => cost.check('p', 'm', 1_000_000)).not.toThrow();
  });

  it('stops once a call takes spending past the cap, and refuses every later call', () => {
    const cost = new RunCost(PRICES, 0.005);
    const heard: string[] = [];
    cost.onOver((m) => heard.push(m));
    cost.check('p', 'm', 1000);
    cost.add('p', 'm', 1000, 1000); // $0.003
    expect(heard).toEqual([]);
    cost.check('p', 'm', 1000); // $0.004 with the prompt: still within
    cost.add('p', 'm', 1000, 1000); // $0.006: past the cap
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^LLM cost limit exceeded: the run spent \$0\.0060, over its limit of \$0\.0050 \(limits\.cost\)/);
    let error: unknown;
    try {
      cost.check('p', 'm', 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe('cost');
    // a listener that comes late hears it at once; nobody hears it twice
    const late: string[] = [];
    cost.onOver((m) => late.push(m));
    expect(late).toEqual([heard[0]]);
    cost.add('p', 'm', 1, 1);
    expect(heard).toHaveLength(1);
  });

  it('refuses a call whose prompt alone would pass the cap, before it is sent', () => {
    const cost = new RunCost(PRICES, 0.01);
    const heard: string[] = [];
    cost.onOver((m) => heard.push(m));
    cost.add('p', 'm', 1000, 1000); // $0.003
    expect(() => cost.check('p', 'm', 10_000)).toThrow(/the next call to m would cost about \$0\.0100 for its prompt alone, and the run has spent \$0\.0030 of its \$0\.0100/);
    expect(heard).toHaveLength(1);
    expect(cost.stopReason).toBe(heard[0]);
  });

  it('lets free calls through at the cap, but not once it is passed', () => {
    const cost = new RunCost({ m: { input: 1, output: 0 } }, 0.001);
    cost.add('p', 'm', 1000, 0); // exactly $0.001: at the cap, not past it
    expect(() => cost.check('p', 'free', 1_000_000)).not.toThrow();
    expect(() => cost.check('p', 'm', 1)).toThrow(LlmError);
  });
});
