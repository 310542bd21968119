import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunEvent } from '../../../runtime/contract/run-events';
import { COALESCE_MAX_CHARS, OutputCoalescer } from '../../../runtime/studio/output-coalescer';

const out = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): RunEvent => ({ type: 'output', runId: 'r', stream, text });

describe('OutputCoalescer', () => {
  afterEach(() => vi.useRealTimers());

  it('sends output after a quiet spell at once, and joins what follows within the window into one event', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const c = new OutputCoalescer((e) => sent.push(e), 16);
    c.push(out('a\n'));
    expect(sent).toEqual([out('a\n')]);
    c.push(out('b\n'));
    c.push(out('c\n'));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([out('a\n'), out('b\nc\n')]);
  });

  it('keeps order: another event or the other stream sends the waiting output first', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const c = new OutputCoalescer((e) => sent.push(e), 16);
    c.push(out('1\n'));
    c.push(out('2\n'));
    c.push(out('oops\n', 'stderr'));
    c.push(out('3\n'));
    const finished: RunEvent = { type: 'finished', runId: 'r', ok: true, durationMs: 5 };
    c.push(finished);
    expect(sent).toEqual([out('1\n'), out('2\n'), out('oops\n', 'stderr'), out('3\n'), finished]);
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(5);
  });

  it('sends a large joined output at once, without waiting for the window', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const c = new OutputCoalescer((e) => sent.push(e), 16);
    c.push(out('first\n'));
    const big = 'x'.repeat(COALESCE_MAX_CHARS / 2);
    c.push(out(big));
    c.push(out(big));
    expect(sent).toEqual([out('first\n'), out(big + big)]);
  });

  it('flush sends what waits (the run ended)', () => {
    vi.useFakeTimers();
    const sent: RunEvent[] = [];
    const c = new OutputCoalescer((e) => sent.push(e), 16);
    c.push(out('a'));
    c.push(out('b'));
    c.flush();
    expect(sent).toEqual([out('a'), out('b')]);
    c.flush();
    expect(sent).toHaveLength(2);
  });
});
