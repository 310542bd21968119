import { useEffect, useState } from 'react';
import { formatDuration, formatWhen, useRun, type RunStatus as Status } from '../../state';

const LABELS: Record<Status, string> = { idle: 'Ready', starting: 'Starting…', running: 'Running…', ok: 'Finished', failed: 'Failed', stopped: 'Stopped' };

/** Ticks while a run is live, so the duration counts up. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Status, duration and tokens of the run shown in the console. */
export function RunStatus() {
  const view = useRun((s) => s.view);
  const live = !view.past && (view.status === 'running' || view.status === 'starting');
  const now = useNow(live);
  const duration = view.durationMs ?? (live && view.startedAt ? now - view.startedAt : undefined);
  const tokens = view.tokens !== undefined ? `${view.tokens} tokens` : view.chunks ? `${view.chunks} chunks` : undefined;
  return (
    <div className="run-status" role="status" aria-label="Run status">
      <span className={`status-pill status-${view.status}`}>
        {view.stopping && live ? 'Stopping…' : LABELS[view.status]}
      </span>
      {live && view.waiting && <span className="waiting-note">waiting for input</span>}
      {view.past && view.startedAt && <span className="muted">run of {formatWhen(view.startedAt)}</span>}
      {duration !== undefined && <span className="muted">{formatDuration(duration)}</span>}
      {tokens && <span className="muted">{tokens}</span>}
    </div>
  );
}
