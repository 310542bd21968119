import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../runtime/contract/run-events';
import { traceOf } from '../../renderer/state/run-trace';

describe('run trace', () => {
  it('places bridge calls on the run timeline and counts them per function', () => {
    const events: RunEvent[] = [
      { type: 'started', runId: 'r', at: 1000 },
      { type: 'call', runId: 'r', method: 'llm.chat', durationMs: 40, ok: true, startedAt: 1010 },
      { type: 'tool-call', runId: 'r', tool: 'calc', arguments: {} },
      { type: 'tool-result', runId: 'r', tool: 'calc', ok: false, result: null, error: 'bad input' },
      { type: 'call', runId: 'r', method: 'llm.chat', durationMs: 60, ok: false, startedAt: 1060 },
      { type: 'call', runId: 'r', method: 'http.get', durationMs: 5, ok: true },
    ];
    const trace = traceOf(events, 1000);
    expect(trace.rows).toEqual([
      { kind: 'call', name: 'llm.chat', ok: true, durationMs: 40, at: 10 },
      { kind: 'tool', name: 'calc', ok: false, detail: 'bad input' },
      { kind: 'call', name: 'llm.chat', ok: false, durationMs: 60, at: 60 },
      { kind: 'call', name: 'http.get', ok: true, durationMs: 5 },
    ]);
    expect(trace.spanMs).toBe(120);
    expect(trace.counts[0]).toEqual({ name: 'llm.chat', count: 2, totalMs: 100 });
  });

  it('gives an llm.chat call its request\'s model, tokens and cost; a nested run\'s requests and workflow nodes get rows of their own', () => {
    const llm = (runId: string, model: string, startedAt: number, cost: number, totalCost: number, ok = true): RunEvent => ({
      type: 'llm', runId, provider: 'openai', model, inputTokens: 100, outputTokens: 20, durationMs: 30, startedAt, ok, cost, priced: model !== 'local', totalCost, ...(ok ? {} : { error: 'LLM cost limit reached' }),
    });
    const events: RunEvent[] = [
      { type: 'started', runId: 'r', at: 1000 },
      llm('r', 'gpt-4o', 1011, 0.002, 0.002),
      { type: 'call', runId: 'r', method: 'llm.chat', durationMs: 40, ok: true, startedAt: 1010 },
      // a spell the run started called the model: no call of this run made that request
      llm('nested', 'local', 1100, 0, 0.002),
      { type: 'call', runId: 'r', method: 'spell.run', durationMs: 80, ok: true, startedAt: 1090 },
      { type: 'workflow', runId: 'r', event: { type: 'node-started', runId: 'r', nodeId: 'ask', nodeType: 'llm', attempt: 1, at: 1200 } },
      { type: 'workflow', runId: 'r', event: { type: 'node-finished', runId: 'r', nodeId: 'ask', nodeType: 'llm', output: {}, durationMs: 25, cached: false } },
      llm('r', 'gpt-4o', 1300, 0, 0.002, false),
      { type: 'call', runId: 'r', method: 'llm.chat', durationMs: 1, ok: false, startedAt: 1300 },
    ];
    const trace = traceOf(events, 1000);
    expect(trace.rows).toEqual([
      { kind: 'call', name: 'llm.chat', ok: true, durationMs: 40, at: 10, llm: { provider: 'openai', model: 'gpt-4o', inputTokens: 100, outputTokens: 20, cost: 0.002 } },
      { kind: 'llm', name: 'local', ok: true, durationMs: 30, at: 100, llm: { provider: 'openai', model: 'local', inputTokens: 100, outputTokens: 20 } },
      { kind: 'call', name: 'spell.run', ok: true, durationMs: 80, at: 90 },
      { kind: 'node', name: 'ask (llm)', ok: true, durationMs: 25, at: 200 },
      { kind: 'call', name: 'llm.chat', ok: false, durationMs: 1, at: 300, detail: 'LLM cost limit reached', llm: { provider: 'openai', model: 'gpt-4o', inputTokens: 100, outputTokens: 20, cost: 0 } },
    ]);
    expect(trace.totalCost).toBe(0.002);
    expect(trace.models).toEqual([
      { model: 'gpt-4o', calls: 2, inputTokens: 200, outputTokens: 40, cost: 0.002, priced: true },
      { model: 'local', calls: 1, inputTokens: 100, outputTokens: 20, cost: 0, priced: false },
    ]);
    expect(trace.counts.find((c) => c.name === 'llm.chat')).toEqual({ name: 'llm.chat', count: 2, totalMs: 41 });
  });
});
