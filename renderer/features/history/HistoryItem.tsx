import { memo } from 'react';
import type { RunRecord } from '../../../runtime/contract/studio-api';
import { Icon } from '../layout/Icon';
import { commands, formatDuration, formatUsd, formatWhen, paramsSummary, selectRunning, useHistory, useRun, useUi } from '../../state';

const STATUS_TEXT: Record<RunRecord['status'], string> = { running: 'running', ok: 'ok', failed: 'failed', stopped: 'stopped' };

/** One past run: when, how it ended, how long, tokens, cost, params; show it or run it again. */
export const HistoryItem = memo(function HistoryItem({ run }: { run: RunRecord }) {
  const shown = useRun((s) => s.view.runId === run.runId);
  const busy = useRun(selectRunning);
  const picked = useHistory((s) => s.compare.includes(run.runId));
  const when = formatWhen(run.startedAt);
  const params = paramsSummary(run.params);
  return (
    <li className={shown ? 'history-item shown' : 'history-item'}>
      <button type="button" className="history-open" aria-current={shown ? 'true' : undefined} onClick={() => void useRun.getState().showPast(run.runId)}>
        <span className={`status-dot status-${run.status}`} aria-hidden="true" />
        <span className="history-when">{when}</span>
        <span className="visually-hidden">, {STATUS_TEXT[run.status]}</span>
        <span className="history-meta muted">
          {run.durationMs !== undefined && formatDuration(run.durationMs)}
          {run.tokens !== undefined && ` · ${run.tokens} tok`}
          {run.cost !== undefined && run.cost > 0 && ` · ${formatUsd(run.cost)}`}
          {run.replayOf && ' · replay'}
        </span>
      </button>
      {(params || run.error) && (
        <p className="history-detail">
          {params && <span className="mono">{params}</span>}
          {run.error && <span className="text-error"> {run.error.message}</span>}
        </p>
      )}
      <button
        type="button"
        className="mini-button history-trace"
        aria-label={`Trace of the run of ${when}`}
        title="Trace: every bridge call of this run on a timeline"
        onClick={() => {
          useHistory.getState().showTrace(run.runId);
          useUi.getState().openDialog('trace');
        }}
      >
        <Icon name="clock" size={13} />
      </button>
      <input
        type="checkbox"
        className="history-compare"
        aria-label={`Compare the run of ${when}`}
        title="Pick two runs to compare"
        checked={picked}
        onChange={() => useHistory.getState().toggleCompare(run.runId)}
      />
      <button type="button" className="mini-button history-rerun" aria-label={`Re-run the run of ${when}`} title="Run again with these parameters" disabled={busy} onClick={() => void commands.rerun(run)}>
        <Icon name="rerun" size={13} />
      </button>
    </li>
  );
});
