import { describe, expect, it } from 'vitest';
import { LlmBudget } from '../../../runtime/llm/llm-budget';
import { LlmError } from '../../../runtime/llm/llm-error';

const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe('budget');
    return (error as Error).message;
  }
  throw new Error('expected a budget error');
};

describe('LlmBudget', () => {
  it('counts calls, tokens and calls per minute for the run', () => {
    let t = 0;
    const hits: string[] = [];
    const rate = new LlmBudget({ perMinute: 2 }, {}, () => t, (m) => hits.push(m));
    rate.take('openai');
    rate.take('openai');
    expect(refusal(() => rate.take('openai'))).toBe('LLM budget reached: the run made 2 LLM calls in the last minute (limits.llm_rate)');
    refusal(() => rate.take('openai'));
    expect(hits).toHaveLength(1); // said once
    t = 60_001;
    rate.take('openai'); // the window moved on

    const tokens = new LlmBudget({ tokens: 100 });
    tokens.take('x');
    tokens.spend('x', 150);
    expect(refusal(() => tokens.take('x'))).toBe('LLM budget reached: the run used 150 of its 100 tokens (limits.tokens)');
  });

  it('keeps each provider to its own limits, within the run', () => {
    const budget = new LlmBudget({ calls: 10 }, { openai: { calls: 1 } });
    budget.take('openai');
    expect(refusal(() => budget.take('openai'))).toBe("LLM budget reached: the run's openai calls made its 1 LLM calls (providers.openai.llm_calls)");
    for (let i = 0; i < 9; i++) budget.take('ollama');
    expect(refusal(() => budget.take('ollama'))).toBe('LLM budget reached: the run made its 10 LLM calls (limits.llm_calls)');
  });
});
