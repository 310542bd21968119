import { describe, expect, it } from 'vitest';
import { RowOffsets, rowHeight, visibleWindow, LINE_PX } from '../../renderer/features/run/virtual-rows';
import { ConsoleBuffer } from '../../renderer/state/console-buffer';

/** Tops of every kept row computed from scratch. */
function naiveTops(buffer: ConsoleBuffer, columns: number): number[] {
  const tops = [0];
  for (let i = 0; i < buffer.length; i++) tops.push(tops[i]! + rowHeight(buffer.row(i), columns));
  return tops;
}

describe('the console\'s row offsets', () => {
  it('follow appends, a growing open line, the cap dropping rows, and tokens giving way to their echo, as a from-scratch count does', () => {
    const buffer = new ConsoleBuffer(300);
    const offsets = new RowOffsets();
    const check = (columns: number) => {
      offsets.update(buffer, columns);
      const tops = naiveTops(buffer, columns);
      for (let i = 0; i <= buffer.length; i++) expect(offsets.top(i)).toBe(tops[i]);
    };
    let n = 0;
    for (let round = 0; round < 60; round++) {
      const lines = (round * 37) % 50;
      let text = '';
      for (let k = 0; k < lines; k++) text += `line ${n++} ${'x'.repeat((n * 13) % 170)}\n`;
      buffer.add({ kind: 'stdout', text: text + 'open ' });
      check(80);
      buffer.add({ kind: 'stdout', text: 'grows'.repeat(round % 7) });
      if (round % 5 === 0) buffer.add({ kind: 'log', level: 'info', text: 'a block' });
      if (round % 9 === 0) {
        // Streamed tokens, then the spell writes the same text: the token rows are replaced.
        buffer.add({ kind: 'token', text: 'Hello ' });
        buffer.add({ kind: 'token', text: 'world\nand more\n' });
        check(80);
        buffer.add({ kind: 'stdout', text: 'Hello world\nand more\n' });
      }
      check(80);
      if (round % 11 === 0) check(33); // a narrower console: every height changes
    }
    expect(buffer.dropped).toBeGreaterThan(1000);
  });

  it('gives the window of rows around a scroll position, and the last screenful when following the end', () => {
    const buffer = new ConsoleBuffer();
    buffer.add({ kind: 'stdout', text: Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n') + '\n' });
    const offsets = new RowOffsets();
    offsets.update(buffer, 80);
    const end = offsets.window(buffer.length, 'end', 190, 0);
    expect(end).toEqual({ first: 990, last: 1000, above: 990 * LINE_PX, below: 0, total: 1000 * LINE_PX });
    const middle = offsets.window(buffer.length, 100 * LINE_PX, 190, LINE_PX * 2);
    expect([middle.first, middle.last]).toEqual([98, 112]);
    expect(middle.above + (middle.last - middle.first) * LINE_PX + middle.below).toBe(middle.total);
    expect(visibleWindow(buffer.length, (i) => buffer.row(i), 80, 100 * LINE_PX, 190, LINE_PX * 2)).toEqual(middle);
  });
});
