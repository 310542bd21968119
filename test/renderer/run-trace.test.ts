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
});
