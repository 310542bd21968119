import type { RunEvent } from '../../runtime/contract/run-events';

/**
 * One row of a run's trace, placed on the run's timeline (ms from its start): a bridge call (an
 * `llm.chat` with its request's model, tokens and cost), an LLM request no bridge call of this run
 * made (a nested run's, a workflow node's), a tool call, or a workflow node.
 */
export interface TraceRow {
  kind: 'call' | 'llm' | 'tool' | 'node';
  name: string;
  ok: boolean;
  /** Start, ms after the run started (undefined when the event carries no time: older runs). */
  at?: number;
  durationMs?: number;
  detail?: string;
  /** LLM requests: the model's tokens and what the request cost (US dollars; undefined when unpriced). */
  llm?: { provider: string; model: string; inputTokens: number; outputTokens: number; cost?: number };
}

/** One model's calls, tokens and cost over the run. */
export interface TraceModel {
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  priced: boolean;
}

/** A run's trace: its rows, how long the timeline is, calls per name, and LLM cost per model. */
export interface Trace {
  rows: TraceRow[];
  spanMs: number;
  counts: { name: string; count: number; totalMs: number }[];
  models: TraceModel[];
  /** What the run's LLM calls cost (US dollars), with its nested runs. */
  totalCost: number;
}

/** Bridge calls that are one LLM request each: the `llm` event of that request adds its model, tokens and cost. */
const LLM_REQUESTS = new Set(['llm.chat', 'llm.stream', 'llm.chat_json', 'llm.tool_chat']);

/** The trace of a run from its event stream (the same events the console and history read). */
export function traceOf(events: readonly RunEvent[], runStartedAt: number): Trace {
  const all: (TraceRow & { runId?: string; merged?: boolean })[] = [];
  const since = (t: number | undefined) => (t !== undefined ? { at: Math.max(0, t - runStartedAt) } : {});
  const nodeStarts = new Map<string, number>();
  const models = new Map<string, TraceModel>();
  /** LLM requests not yet matched to the bridge call that made them, oldest first. */
  const pending: (TraceRow & { runId?: string; merged?: boolean })[] = [];
  let totalCost = 0;
  for (const event of events) {
    if (event.type === 'call') {
      const row: TraceRow = { kind: 'call', name: event.method, ok: event.ok, durationMs: event.durationMs, ...since(event.startedAt) };
      if (LLM_REQUESTS.has(event.method)) {
        // the request ended inside the call (its event comes first); a nested run's requests belong to no call of this run
        const end = (row.at ?? 0) + event.durationMs;
        const i = pending.findIndex((p) => p.runId === event.runId && (row.at === undefined || p.at === undefined || (p.at >= row.at - 1 && p.at <= end + 1)));
        const match = i >= 0 ? pending.splice(i, 1)[0] : undefined;
        if (match) {
          match.merged = true;
          row.llm = match.llm!;
          if (match.detail) row.detail = match.detail;
        }
      }
      all.push(row);
    } else if (event.type === 'llm') {
      const { inputTokens, outputTokens } = event;
      const row = {
        kind: 'llm' as const,
        name: event.model,
        ok: event.ok,
        durationMs: event.durationMs,
        ...since(event.startedAt),
        ...(event.error ? { detail: event.error } : {}),
        llm: { provider: event.provider, model: event.model, inputTokens, outputTokens, ...(event.priced ? { cost: event.cost } : {}) },
        runId: event.runId,
      };
      all.push(row);
      pending.push(row);
      const line = models.get(event.model) ?? { model: event.model, calls: 0, inputTokens: 0, outputTokens: 0, cost: 0, priced: false };
      line.calls++;
      line.inputTokens += inputTokens;
      line.outputTokens += outputTokens;
      line.cost += event.cost;
      line.priced ||= event.priced;
      models.set(event.model, line);
      totalCost = Math.max(totalCost, event.totalCost);
    } else if (event.type === 'tool-result') {
      all.push({ kind: 'tool', name: event.tool, ok: event.ok, ...(event.error ? { detail: event.error } : {}) });
    } else if (event.type === 'workflow') {
      const w = event.event;
      if (w.type === 'node-started') nodeStarts.set(w.nodeId, w.at);
      else if (w.type === 'node-finished' || w.type === 'node-failed') {
        const ok = w.type === 'node-finished';
        all.push({ kind: 'node', name: `${w.nodeId} (${w.nodeType})`, ok, durationMs: w.durationMs, ...since(nodeStarts.get(w.nodeId)), ...(ok ? {} : { detail: w.error.message }) });
      }
    }
  }
  const rows: TraceRow[] = [];
  for (const { runId: _runId, merged, ...row } of all) if (!merged) rows.push(row);
  const spanMs = rows.reduce((most, r) => Math.max(most, (r.at ?? 0) + (r.durationMs ?? 0)), 1);
  const byName = new Map<string, { name: string; count: number; totalMs: number }>();
  for (const row of rows) {
    const entry = byName.get(row.name) ?? { name: row.name, count: 0, totalMs: 0 };
    entry.count++;
    entry.totalMs += row.durationMs ?? 0;
    byName.set(row.name, entry);
  }
  return {
    rows,
    spanMs,
    counts: [...byName.values()].sort((a, b) => b.count - a.count),
    models: [...models.values()].sort((a, b) => b.cost - a.cost),
    totalCost,
  };
}
