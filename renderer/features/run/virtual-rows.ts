import type { ConsoleRow } from '../../state';

/** Height of one screen line of the console (px); `.c-row` sets the same line-height. */
export const LINE_PX = 19;
/** Extra pixels some block rows take (their margins and padding in panels.css). */
const EXTRA_PX: Partial<Record<ConsoleRow['kind'], number>> = { error: 16, status: 4 };

/** Which rows to render for a scroll position, and the space above and below them. */
export interface Window {
  first: number;
  last: number;
  above: number;
  below: number;
  total: number;
}

/**
 * The virtual window of a console: each row's height follows from its length and the characters per
 * screen line (monospace text that wraps anywhere), so only rows near the viewport are rendered.
 */
/** `top` is the scroll position, or `end` for the last screenful (a console following the output). */
export function visibleWindow(count: number, rowAt: (i: number) => ConsoleRow, columns: number, top: number | 'end', height: number, overscan = 400): Window {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) {
    const row = rowAt(i);
    offsets[i + 1] = offsets[i]! + Math.max(1, Math.ceil(row.chars / columns)) * LINE_PX + (EXTRA_PX[row.kind] ?? 0);
  }
  const total = offsets[count]!;
  if (top === 'end') top = Math.max(0, total - height);
  const from = Math.max(0, top - overscan);
  const to = top + height + overscan;
  let first = lowerBound(offsets, from, count) - 1;
  first = Math.max(0, Math.min(first, count - 1));
  let last = first;
  while (last < count && offsets[last]! < to) last++;
  return { first, last, above: offsets[first] ?? 0, below: total - (offsets[last] ?? total), total };
}

/** First index i in offsets[0..count] with offsets[i] > value. */
function lowerBound(offsets: Float64Array, value: number, count: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
