import { formatMs, useWorkflow } from '../../state';
import { useCurrentRunId } from './use-current-run';

/** A Gantt of the run shown: one bar per node from its start to its end, with tokens. */
export function RunTimeline() {
  const runId = useCurrentRunId();
  const run = useWorkflow((s) => (runId ? s.runs[runId] : undefined));
  const rows = run ? Object.entries(run.nodes).filter(([, n]) => n.startedAt !== undefined).sort((a, b) => (a[1].startedAt ?? 0) - (b[1].startedAt ?? 0)) : [];
  if (!run || rows.length === 0) return <p className="wf-empty muted">Run the workflow (or pick one of its past runs in History) to see when each node ran.</p>;
  const start = Math.min(...rows.map(([, n]) => n.startedAt!));
  const end = Math.max(...rows.map(([, n]) => n.startedAt! + (n.durationMs ?? Date.now() - n.startedAt!)), start + 1);
  const span = end - start;
  return (
    <section className="wf-timeline" aria-label="Run timeline">
      <h4 className="wf-panel-title">
        Timeline · {formatMs(span)} · {rows.length} nodes
      </h4>
      <ol className="wf-gantt">
        {rows.map(([id, n]) => {
          const left = ((n.startedAt! - start) / span) * 100;
          const width = Math.max(0.5, (((n.durationMs ?? end - n.startedAt!) as number) / span) * 100);
          const label = `${id}: ${n.status}, started at +${formatMs(n.startedAt! - start)}${n.durationMs !== undefined ? `, took ${formatMs(n.durationMs)}` : ''}${n.tokens ? `, ${n.tokens.total} tokens` : ''}`;
          return (
            <li key={id} className="wf-gantt-row" aria-label={label}>
              <span className="wf-gantt-name">{id}</span>
              <span className="wf-gantt-track">
                <span className={`wf-gantt-bar status-${n.status}`} style={{ left: `${left}%`, width: `${width}%` }} title={label} />
              </span>
              <span className="wf-gantt-meta">
                {n.durationMs !== undefined ? formatMs(n.durationMs) : n.status}
                {n.tokens ? ` · ${n.tokens.total} tok` : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
