import { useEffect, useMemo, useState } from 'react';
import type { RunRecord } from '../../../runtime/contract/studio-api';
import { client, commands, diffLines, formatDuration, formatWhen, paramRows, useHistory, useUi } from '../../state';
import { Dialog } from '../layout/Dialog';

interface Side {
  run: RunRecord;
  output: string;
}

/** A run's record and its whole output (the record keeps a short copy only). */
async function loadSide(runId: string): Promise<Side> {
  const [{ run }, output] = await Promise.all([client.call('runs.get', { runId }), client.call('runs.output', { runId })]);
  return { run: run as RunRecord, output: output.text };
}

function summary(run: RunRecord): string {
  return `${formatWhen(run.startedAt)} · ${run.status}${run.durationMs !== undefined ? ` · ${formatDuration(run.durationMs)}` : ''}`;
}

/** Two runs of a spell side by side: their parameters (changes marked) and a line diff of their outputs. */
export function CompareDialog() {
  const picked = useHistory((s) => s.compare);
  const close = () => useUi.getState().closeDialog();
  const [sides, setSides] = useState<[Side, Side] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (picked.length !== 2) return;
    // The older run on the left, as "before".
    Promise.all(picked.map(loadSide))
      .then(([x, y]) => setSides(x!.run.startedAt <= y!.run.startedAt ? [x!, y!] : [y!, x!]))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [picked]);
  const diff = useMemo(() => (sides ? diffLines(sides[0].output, sides[1].output) : []), [sides]);
  const changed = diff.filter((d) => d.op !== ' ').length;

  return (
    <Dialog
      title="Compare runs"
      wide
      onClose={close}
      actions={
        sides && (
          <>
            {sides.map((side, i) => (
              <button key={side.run.runId} type="button" className="button small" onClick={() => {
                  close();
                  void commands.rerun(side.run);
                }}>
                Re-run {i === 0 ? 'left' : 'right'} with its parameters
              </button>
            ))}
          </>
        )
      }
    >
      {error && <p className="inline-error" role="alert">{error}</p>}
      {!sides && !error && <p className="muted">Loading…</p>}
      {sides && (
        <>
          <table className="compare-params" aria-label="Parameters">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">{summary(sides[0].run)}</th>
                <th scope="col">{summary(sides[1].run)}</th>
              </tr>
            </thead>
            <tbody>
              {paramRows(sides[0].run, sides[1].run).map((row) => (
                <tr key={row.name} className={row.changed ? 'changed' : undefined}>
                  <th scope="row" className="mono">
                    {row.name}
                    {row.changed && <span className="visually-hidden"> (changed)</span>}
                  </th>
                  <td className="mono">{row.a}</td>
                  <td className="mono">{row.b}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3 className="compare-title">Output {changed ? `(${changed} changed ${changed === 1 ? 'line' : 'lines'})` : '(the same)'}</h3>
          <pre className="compare-diff mono" aria-label="Output diff">
            {diff.map((line, i) => (
              <div key={i} className={line.op === '-' ? 'diff-del' : line.op === '+' ? 'diff-add' : 'diff-same'}>
                {line.op} {line.text}
              </div>
            ))}
          </pre>
        </>
      )}
    </Dialog>
  );
}
