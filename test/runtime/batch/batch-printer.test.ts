import { describe, expect, it } from 'vitest';
import { BatchPrinter, progressLine } from '../../../runtime/cli/batch-printer';
import type { BatchProgress } from '../../../runtime/contract/batch';

const progress = (over: Partial<BatchProgress> = {}): BatchProgress => ({ total: 200, done: 50, ok: 47, failed: 3, skipped: 0, running: 8, rate: 12.5, etaSeconds: 12, tokens: 12345, elapsedMs: 4000, ...over });

function sink() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

describe('batch progress', () => {
  it('draws a bar with done/total, failures, rate, ETA and tokens', () => {
    expect(progressLine(progress(), 8)).toBe('[##------] 50/200  3 failed  8 running  12.5 rows/s  ETA 12s  12,345 tokens');
    expect(progressLine(progress({ done: 200, failed: 0, running: 0, etaSeconds: 0, tokens: 0 }), 4)).toBe('[####] 200/200  12.5 rows/s');
  });

  it('redraws in place on a terminal and ends with a summary; --json writes one event per line', () => {
    const out = sink();
    const err = sink();
    const tty = new BatchPrinter({ stdout: out.stream, stderr: err.stream, json: false, tty: true });
    tty.onEvent({ type: 'progress', progress: progress() });
    tty.onEvent({ type: 'summary', progress: progress({ done: 200 }), output: 'r.jsonl', interrupted: false });
    expect(err.text()).toMatch(/^\r\x1b\[2K\[#+-*\] 50\/200 .*\n200 rows: 47 ok, 3 failed in 4\.0 s\. Results: r\.jsonl\n$/s);
    expect(out.text()).toBe('');

    const json = sink();
    const printer = new BatchPrinter({ stdout: json.stream, stderr: err.stream, json: true, tty: false });
    printer.onEvent({ type: 'progress', progress: progress() });
    printer.onEvent({ type: 'summary', progress: progress(), output: 'r.jsonl', interrupted: true });
    expect(json.text().trim().split('\n').map((l) => JSON.parse(l).type)).toEqual(['progress', 'summary']);
  });
});
