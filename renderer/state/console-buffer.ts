import type { ConsoleItem } from './run-console';

/** Streamed text kinds: they flow into lines (a newline ends a line). */
export type TextKind = 'stdout' | 'stderr' | 'token' | 'input';
/** A run of one kind of text inside a line. */
export interface Segment {
  kind: TextKind;
  text: string;
}
/** Console items that are a row of their own (log, bridge call, status, error). */
export type BlockItem = Exclude<ConsoleItem, { kind: TextKind }>;

/**
 * A line of streamed text: its first segment inline (`tone`, `text`: one object per line, as most
 * lines are one kind of text), further segments in `rest`.
 */
export interface LineRow {
  kind: 'line';
  tone: TextKind;
  text: string;
  rest?: readonly Segment[];
}

/**
 * One row of the console: a line of streamed text, or a block. `chars` is the row's length in
 * characters, for the virtual list to know how many screen lines it wraps to.
 */
export type ConsoleRow = (LineRow | BlockItem) & { id: number; chars: number };

/** A line's segments in order. */
export function segmentsOf(row: LineRow): Segment[] {
  const first = row.text ? [{ kind: row.tone, text: row.text }] : [];
  return row.rest ? [...first, ...row.rest] : first;
}

/** Rows kept by default; older ones are dropped (the full output stays with the host). */
export const DEFAULT_MAX_ROWS = 10_000;

interface Mark {
  /** Rows ever kept (dropped + kept) when the mark was set. */
  total: number;
  open: boolean;
  /** The last row as it was then (it may have grown since). */
  last: ConsoleRow | undefined;
}

const TEXT_KINDS = new Set<string>(['stdout', 'stderr', 'token', 'input']);

/** Characters a block row shows (its label included). */
function blockChars(item: BlockItem): number {
  if (item.kind === 'log') return item.text.length + item.level.length + 1;
  if (item.kind === 'error') return item.text.length + item.code.length + 1 + (item.file ? item.file.length + 8 : 0);
  return item.text.length;
}

/**
 * The console's rows, kept outside React and mutated in place (a new version per change), so a spell
 * printing 100,000 lines costs an array push per line, not a copy of every line per event. Keeps the
 * last `maxRows` rows.
 *
 * Streamed LLM tokens are shown as they arrive; when the spell writes the same text itself (a stream
 * callback doing `io.write(chunk)`, as the CLI shows it), the tokens give way to that output, so the
 * answer appears once.
 */
export class ConsoleBuffer {
  private rows: ConsoleRow[] = [];
  private head = 0;
  private open = false;
  private nextId = 1;
  /** Rows dropped from the front by the cap. */
  dropped = 0;
  /** Bumped by every change: the console re-renders on it. */
  version = 0;
  /** Token text not (yet) written by the spell itself, the rows where it started, and what came after. */
  private unechoed = '';
  private mark: Mark | undefined;
  private tail: ConsoleItem[] = [];

  constructor(readonly maxRows: number = DEFAULT_MAX_ROWS) {}

  /** Rows kept. */
  get length(): number {
    return this.rows.length - this.head;
  }

  /** The kept row at `index` (0 = oldest kept). */
  row(index: number): ConsoleRow {
    return this.rows[this.head + index]!;
  }

  /** Adds an item: streamed text continues the current line, a block is a row of its own. */
  add(item: ConsoleItem): void {
    this.version++;
    if (item.kind === 'token') return this.addToken(item.text);
    if (item.kind === 'stdout' && this.unechoed && this.takeEcho(item.text)) return;
    if (this.mark) {
      // Another kind of output after the tokens: they were not echoed after all.
      if (item.kind === 'stdout' || this.tail.length > 1000) this.settle();
      else this.tail.push(item);
    }
    this.append(item);
  }

  /** The stream is over (the run ended): tokens shown stay shown. */
  settle(): void {
    this.unechoed = '';
    this.mark = undefined;
    this.tail = [];
  }

  /** The plain text of the kept rows (blocks as their text), one line per row. */
  text(): string {
    const out: string[] = [];
    for (let i = 0; i < this.length; i++) {
      const row = this.row(i);
      out.push(row.kind === 'line' ? segmentsOf(row).map((s) => s.text).join('') : row.text);
    }
    return out.join('\n');
  }

  private addToken(text: string): void {
    if (!this.mark) this.mark = { total: this.dropped + this.length, open: this.open, last: this.rows[this.rows.length - 1] };
    this.unechoed += text;
    this.tail.push({ kind: 'token', text });
    this.append({ kind: 'token', text });
  }

  /**
   * `text` is stdout arriving while tokens are shown: when it repeats them (all of them, or their
   * beginning), rebuild from where the tokens started with the spell's output in their place.
   */
  private takeEcho(text: string): boolean {
    const u = this.unechoed;
    const n = Math.min(u.length, text.length);
    let common = 0;
    while (common < n && u.charCodeAt(common) === text.charCodeAt(common)) common++;
    if (common === 0 || (common < text.length && common < u.length)) return false;
    const mark = this.mark!;
    const tail = this.tail;
    this.settle();
    if (!this.truncate(mark)) {
      this.append({ kind: 'stdout', text });
      return true;
    }
    this.append({ kind: 'stdout', text });
    let skip = common;
    for (const item of tail) {
      if (item.kind !== 'token') {
        if (this.mark) this.tail.push(item);
        this.append(item);
        continue;
      }
      const rest = item.text.slice(Math.min(skip, item.text.length));
      skip = Math.max(0, skip - item.text.length);
      if (rest) this.addToken(rest);
    }
    return true;
  }

  /** Back to the rows as they were at `mark`; false when the cap already dropped them. */
  private truncate(mark: Mark): boolean {
    const keep = mark.total - this.dropped;
    if (keep < 0 || keep > this.length) return false;
    this.rows.length = this.head + keep;
    if (keep > 0 && mark.last) this.rows[this.rows.length - 1] = mark.last;
    this.open = mark.open;
    return true;
  }

  private append(item: ConsoleItem): void {
    if (TEXT_KINDS.has(item.kind)) this.appendText(item.kind as TextKind, item.text);
    else {
      this.open = false;
      this.push({ ...(item as BlockItem), id: this.nextId++, chars: blockChars(item as BlockItem) });
    }
  }

  private appendText(kind: TextKind, text: string): void {
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const more = i < parts.length - 1;
      if (part) this.extend(kind, part);
      else if (more && !this.open) this.extend(kind, '');
      if (more) this.open = false;
    }
  }

  /** Adds text to the open line (merging with a last segment of the same kind) or starts a line. */
  private extend(kind: TextKind, text: string): void {
    const last = this.rows[this.rows.length - 1];
    if (this.open && last?.kind === 'line') {
      const chars = last.chars + text.length;
      let next: ConsoleRow;
      if (!last.rest && (last.tone === kind || !last.text)) next = { kind: 'line', tone: kind, text: last.text + text, id: last.id, chars };
      else {
        const rest = [...(last.rest ?? [])];
        const end = rest[rest.length - 1];
        if (end?.kind === kind) rest[rest.length - 1] = { kind, text: end.text + text };
        else rest.push({ kind, text });
        next = { kind: 'line', tone: last.tone, text: last.text, rest, id: last.id, chars };
      }
      this.rows[this.rows.length - 1] = next;
      return;
    }
    this.open = true;
    this.push({ kind: 'line', tone: kind, text, id: this.nextId++, chars: text.length });
  }

  private push(row: ConsoleRow): void {
    this.rows.push(row);
    const excess = this.length - this.maxRows;
    if (excess <= 0) return;
    this.head += excess;
    this.dropped += excess;
    // Compact now and then so dropped rows are freed without a copy per line.
    if (this.head > 4096 && this.head * 2 > this.rows.length) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
  }
}
