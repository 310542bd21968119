import type { RunEvent } from '../../runtime/contract/run-events';

/** One row of a run's trace: a bridge call or a tool call, placed on the run's timeline (ms from its start). */
export interface TraceRow {
  kind: 'call' | 'tool';
  name: string;
  ok: boolean;
  /** Start, ms after the run started (undefined when the event carries no time: older runs). */
  at?: number;
  durationMs?: number;
  detail?: string;
}

/** A run's trace: its rows, how long the timeline is, and calls per name. */
export interface Trace {
  rows: TraceRow[];
  spanMs: number;
  counts: { name: string; count: number; totalMs: number }[];
}

/** The trace of a run from its event stream (the same events the console and history read). */
export function traceOf(events: readonly RunEvent[], runStartedAt: number): Trace {
  const rows: TraceRow[] = [];
  for (const event of events) {
    if (event.type === 'call') {
      rows.push({ kind: 'call', name: event.method, ok: event.ok, durationMs: event.durationMs, ...(event.startedAt !== undefined ? { at: Math.max(0, event.startedAt - runStartedAt) } : {}) });
    } else if (event.type === 'tool-result') {
      rows.push({ kind: 'tool', name: event.tool, ok: event.ok, ...(event.error ? { detail: event.error } : {}) });
    }
  }
  const spanMs = Math.max(1, ...rows.map((r) => (r.at ?? 0) + (r.durationMs ?? 0)));
  const byName = new Map<string, { name: string; count: number; totalMs: number }>();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { name: row.name, count: 0, totalMs: 0 };
    entry.count++;
    entry.totalMs += row.durationMs ?? 0;
    byName.set(row.name, entry);
  }
  return { rows, spanMs, counts: [...byName.values()].sort((a, b) => b.count - a.count) };
}
