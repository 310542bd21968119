import { formatMs, type NodeRun } from '../../state';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return (
    <div className="wf-json">
      <div className="wf-json-head">
        <span>{label}</span>
        <button type="button" className="mini-button" aria-label={`Copy ${label.toLowerCase()}`} title="Copy" onClick={() => void navigator.clipboard?.writeText(text).catch(() => undefined)}>
          Copy
        </button>
      </div>
      <pre className="wf-json-body" aria-label={label} tabIndex={0}>
        {text}
      </pre>
    </div>
  );
}

/** A node's inputs, outputs, timing and error in the run shown. */
export function NodeRunDetails({ run }: { run: NodeRun }) {
  return (
    <section className="wf-run-details" aria-label="Last run of this node">
      <h4 className="wf-panel-title">
        Last run: {run.status}
        {run.durationMs !== undefined ? ` · ${formatMs(run.durationMs)}` : ''}
        {run.tokens ? ` · ${run.tokens.total} tokens` : ''}
      </h4>
      {run.error && <p className="inline-error">{run.error.message}</p>}
      {run.reason && <p className="muted">{run.reason}</p>}
      {run.inputs && <JsonBlock label="Inputs" value={run.inputs} />}
      {run.outputs && <JsonBlock label="Outputs" value={run.outputs} />}
    </section>
  );
}
