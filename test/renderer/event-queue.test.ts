import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../runtime/contract/run-events';
import { EventQueue, OUTPUT_PIECE_CHARS } from '../../renderer/state/event-queue';
import { ConsoleBuffer } from '../../renderer/state/console-buffer';

const output = (text: string): RunEvent => ({ type: 'output', runId: 'r', stream: 'stdout', text });

describe('the run store\'s event queue', () => {
  it('gives events in order, a large output event in pieces cut after a newline, and the same console in the end', () => {
    const queue = new EventQueue();
    const text = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    queue.push({ type: 'started', runId: 'r' } as RunEvent);
    queue.push(output(text));
    queue.push(output('tail'));
    const taken: RunEvent[] = [];
    for (let e = queue.take(); e; e = queue.take()) taken.push(e);
    expect(queue.size).toBe(0);
    expect(taken[0]!.type).toBe('started');
    const pieces = taken.slice(1, -1).map((e) => (e as { text: string }).text);
    expect(pieces.length).toBeGreaterThan(text.length / OUTPUT_PIECE_CHARS);
    expect(pieces.every((p) => p.length <= OUTPUT_PIECE_CHARS && p.endsWith('\n'))).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect((taken[taken.length - 1] as { text: string }).text).toBe('tail');

    const whole = new ConsoleBuffer();
    whole.add({ kind: 'stdout', text: text + 'tail' });
    const pieced = new ConsoleBuffer();
    for (const e of taken.slice(1)) pieced.add({ kind: 'stdout', text: (e as { text: string }).text });
    expect(pieced.text()).toBe(whole.text());
    expect(pieced.length).toBe(whole.length);
  });

  it('cuts one long line anywhere but inside a surrogate pair, and the console joins it again', () => {
    const queue = new EventQueue();
    const line = `${'a'.repeat(OUTPUT_PIECE_CHARS - 1)}😀${'b'.repeat(OUTPUT_PIECE_CHARS)}\n`;
    queue.push(output(line));
    const pieces: string[] = [];
    for (let e = queue.take(); e; e = queue.take()) pieces.push((e as { text: string }).text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
    const console = new ConsoleBuffer();
    for (const p of pieces) console.add({ kind: 'stdout', text: p });
    expect(console.length).toBe(1);
    expect(console.text()).toBe(line.slice(0, -1));
  });

  it('keeps many queued events without copying them per take', () => {
    const queue = new EventQueue();
    for (let i = 0; i < 5000; i++) queue.push(output(`${i}\n`));
    for (let i = 0; i < 4000; i++) expect((queue.take() as { text: string }).text).toBe(`${i}\n`);
    queue.push(output('last\n'));
    expect(queue.size).toBe(1001);
    let n = 0;
    for (let e = queue.take(); e; e = queue.take()) n++;
    expect(n).toBe(1001);
  });
});
