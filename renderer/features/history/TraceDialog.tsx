import { useEffect, useMemo, useState } from 'react';
import type { RunEvent } from '../../../runtime/contract/run-events';
import type { RunRecord } from '../../../runtime/contract/studio-api';
import { client, formatDuration, formatUsd, formatWhen, traceOf, useHistory, useUi } from '../../state';
import { TraceRows } from './TraceRows';
import { Dialog } from '../layout/Dialog';

/** A run's trace: every bridge call, LLM request, tool call and workflow node on a timeline, with counts, time and cost. */
export function TraceDialog() {
  const runId = useHistory((s) => s.traced);
  const [data, setData] = useState<{ run: RunRecord; events: RunEvent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!runId) return;
    client.call('runs.get', { runId }).then(
      (got) => setData({ run: got.run as RunRecord, events: got.events }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [runId]);
  const trace = useMemo(() => (data ? traceOf(data.events, data.run.startedAt) : null), [data]);
  const close = () => {
    useHistory.getState().showTrace(null);
    useUi.getState().closeDialog();
  };
  return (
    <Dialog title="Run trace" wide onClose={close}>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {!trace && !error && <p className="muted">Loading…</p>}
      {data && trace && (
        <>
          <p className="muted">
            {data.run.spellName}, {formatWhen(data.run.startedAt)} · {data.run.status}
            {data.run.durationMs !== undefined && ` · ${formatDuration(data.run.durationMs)}`} · {trace.rows.length} {trace.rows.length === 1 ? 'call' : 'calls'}
            {data.run.tokens !== undefined && ` · ${data.run.tokens} tokens`}
            {' · '}
            <span className="trace-total">cost {formatUsd(data.run.cost ?? trace.totalCost)}</span>
          </p>
          {trace.models.length > 0 && (
            <p className="trace-counts" aria-label="Cost per model">
              {trace.models.map((m) => (
                <span key={m.model} className="badge trace-model">
                  {m.model} × {m.calls} · {m.inputTokens} in / {m.outputTokens} out · {m.priced ? formatUsd(m.cost) : 'no price'}
                </span>
              ))}
            </p>
          )}
          {trace.counts.length > 0 && (
            <p className="trace-counts" aria-label="Calls per function">
              {trace.counts.map((c) => (
                <span key={c.name} className="badge">
                  {c.name} × {c.count}
                  {c.totalMs ? ` · ${formatDuration(c.totalMs)}` : ''}
                </span>
              ))}
            </p>
          )}
          {trace.rows.length === 0 ? <p className="empty-note">This run made no bridge calls.</p> : <TraceRows trace={trace} />}
        </>
      )}
    </Dialog>
  );
}
