import { useMemo } from 'react';
import { filterRuns, useEditor, useHistory, useUi } from '../../state';
import { HistoryItem } from './HistoryItem';

/** Past runs of the open spell, newest first: searchable, viewable, re-runnable. */
export function HistoryPanel() {
  const hasSpell = useEditor((s) => s.spell !== null);
  const runs = useHistory((s) => s.runs);
  const text = useHistory((s) => s.text);
  const error = useHistory((s) => s.error);
  const setText = useHistory((s) => s.setText);
  const more = useHistory((s) => s.more);
  const picked = useHistory((s) => s.compare.length);
  // The listed runs filter at once; the host's answer for older matches follows.
  const shown = useMemo(() => filterRuns(runs, text), [runs, text]);
  if (!hasSpell) return null;
  return (
    <section className="side-section history" aria-labelledby="history-title">
      <div className="panel-header">
        <h2 id="history-title">Run history</h2>
        <span className="muted">
          {runs.length}
          {more ? '+' : ''}
        </span>
        <button type="button" className="link-button" disabled={picked !== 2} title="Tick two runs to compare them" onClick={() => useUi.getState().openDialog('compare')}>
          Compare{picked ? ` (${picked}/2)` : ''}
        </button>
      </div>
      <input type="search" className="input" aria-label="Search runs" placeholder="Search runs" value={text} onChange={(e) => setText(e.target.value)} />
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p className="empty-note">{runs.length ? 'No run matches.' : 'No runs yet.'}</p>
      ) : (
        <ol className="history-list" aria-label="Past runs">
          {shown.map((run) => (
            <HistoryItem key={run.runId} run={run} />
          ))}
        </ol>
      )}
      {more && (
        <button type="button" className="link-button" onClick={() => void useHistory.getState().showMore()}>
          Show older runs
        </button>
      )}
    </section>
  );
}
