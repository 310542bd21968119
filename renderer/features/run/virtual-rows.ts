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

/** The rows a virtual console reads: kept rows by index, and how many were dropped before them. */
export interface RowSource {
  readonly length: number;
  readonly dropped: number;
  row(index: number): ConsoleRow;
}

/** Pixel height of a row: monospace text that wraps anywhere, `columns` characters per screen line. */
export function rowHeight(row: ConsoleRow, columns: number): number {
  return Math.max(1, Math.ceil(row.chars / columns)) * LINE_PX + (EXTRA_PX[row.kind] ?? 0);
}

/**
 * Where each row of a console starts, kept up to date as rows come and go: rows are added at the
 * end, dropped at the front (the cap), and the last ones may change (the open line grows, streamed
 * tokens give way to the spell's echo). An update costs the rows added or changed since the last
 * one, not all the rows kept, so a console holding 10,000 rows re-renders at the cost of the rows
 * that arrived in that frame.
 */
export class RowOffsets {
  /** Per slot: the bottom of its row (px, from the first row ever cached), its id and length. */
  private ends = new Float64Array(1024);
  private ids = new Float64Array(1024);
  private chars = new Float64Array(1024);
  /** Slot of the first kept row; rows in slots before it were dropped. */
  private base = 0;
  /** Slots filled. */
  private filled = 0;
  private source: RowSource | undefined;
  private columns = 0;
  /** Absolute index (dropped rows counted) of the row in slot 0: slot k holds row `start + k`. */
  private start = 0;

  /** Brings the offsets up to date with `source` at `columns` characters per screen line. */
  update(source: RowSource, columns: number): void {
    if (source !== this.source || columns !== this.columns || source.dropped < this.start + this.base) this.reset(source, columns);
    // Rows the cap dropped since the last update.
    const dropped = source.dropped - this.start;
    if (dropped > this.filled) {
      this.start = source.dropped;
      this.base = 0;
      this.filled = 0;
    } else this.base = dropped;
    if (this.base + source.length > this.ends.length) this.compact(source.length);
    // Keep the slots that still hold the same rows as the source (only the last ones can differ).
    let valid = Math.min(this.filled, this.base + source.length);
    while (valid > this.base) {
      const row = source.row(valid - 1 - this.base);
      if (this.ids[valid - 1] === row.id && this.chars[valid - 1] === row.chars) break;
      valid--;
    }
    const need = this.base + source.length;
    let end = valid > 0 ? this.ends[valid - 1]! : 0;
    for (let slot = valid; slot < need; slot++) {
      const row = source.row(slot - this.base);
      end += rowHeight(row, columns);
      this.ends[slot] = end;
      this.ids[slot] = row.id;
      this.chars[slot] = row.chars;
    }
    this.filled = need;
  }

  /** Top of kept row `index` (0 = oldest kept), from the top of the first kept row. */
  top(index: number): number {
    const origin = this.base > 0 ? this.ends[this.base - 1]! : 0;
    return (index + this.base > 0 ? this.ends[index + this.base - 1]! : 0) - origin;
  }

  /** The virtual window for a scroll position (`end`: the last screenful, a console following its output). */
  window(count: number, top: number | 'end', height: number, overscan = 400): Window {
    const total = this.top(count);
    if (top === 'end') top = Math.max(0, total - height);
    const from = Math.max(0, top - overscan);
    const to = top + height + overscan;
    // First row whose bottom is below `from`.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.top(mid + 1) <= from) lo = mid + 1;
      else hi = mid;
    }
    const first = Math.max(0, Math.min(lo, count - 1));
    let last = first;
    while (last < count && this.top(last) < to) last++;
    return { first, last, above: count ? this.top(first) : 0, below: total - this.top(last), total };
  }

  private reset(source: RowSource, columns: number): void {
    this.source = source;
    this.columns = columns;
    this.start = source.dropped;
    this.base = 0;
    this.filled = 0;
  }

  /** Room for `rows` kept rows from slot 0: dropped slots are reclaimed, and the arrays double when that is not enough. */
  private compact(rows: number): void {
    const size = rows * 2 > this.ends.length ? Math.max(this.ends.length * 2, rows * 2) : this.ends.length;
    const origin = this.base > 0 ? this.ends[this.base - 1]! : 0;
    const kept = this.filled - this.base;
    const ends = new Float64Array(size);
    const ids = new Float64Array(size);
    const chars = new Float64Array(size);
    for (let k = 0; k < kept; k++) ends[k] = this.ends[this.base + k]! - origin;
    ids.set(this.ids.subarray(this.base, this.filled));
    chars.set(this.chars.subarray(this.base, this.filled));
    this.ends = ends;
    this.ids = ids;
    this.chars = chars;
    this.start += this.base;
    this.filled = kept;
    this.base = 0;
  }
}

/**
 * The virtual window of a console computed from scratch (each row's height from its length and the
 * characters per screen line); RowOffsets gives the same answer incrementally.
 * `top` is the scroll position, or `end` for the last screenful (a console following the output).
 */
export function visibleWindow(count: number, rowAt: (i: number) => ConsoleRow, columns: number, top: number | 'end', height: number, overscan = 400): Window {
  const offsets = new RowOffsets();
  offsets.update({ length: count, dropped: 0, row: rowAt }, columns);
  return offsets.window(count, top, height, overscan);
}
