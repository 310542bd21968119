import { useEffect, useMemo, useState } from 'react';
import type { RunRecord } from '../../../runtime/contract/studio-api';
import { client, commands, diffLines, formatDuration, formatWhen, paramRows, selectRunning, useHistory, useRun, useUi } from '../../state';
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
  return `${run.replayOf ? 'Replay · ' : ''}${formatWhen(run.startedAt)} · ${run.status}${run.durationMs !== undefined ? ` · ${formatDuration(run.durationMs)}` : ''}`;
}

/** Both runs, once a replay among them has ended (a replay started from this dialog runs first). */
async function loadSettled(picked: string[], alive: () => boolean): Promise<[Side, Side] | null> {
  const replaying = (side: Side) => side.run.status === 'running' && side.run.replayOf !== undefined;
  for (;;) {
    const [x, y] = await Promise.all(picked.map(loadSide));
    if (!alive()) return null;
    if (!replaying(x!) && !replaying(y!)) return [x!, y!];
    await waitForEnd(picked, 1000);
  }
}

/** Resolves when one of the runs finishes, or after `ms` (its record is completed just after). */
function waitForEnd(runIds: string[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on('run', (event) => {
      if (event.type === 'finished' && runIds.includes(event.runId)) setTimeout(done, 100);
    });
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      off();
      resolve();
    }
  });
}

const NO_CASSETTE = 'This run kept no cassette to replay (a workflow, a run from before replays, or LLM exchanges over the size cap)';

/** Two runs of a spell side by side: their parameters (changes marked) and a line diff of their outputs. */
export function CompareDialog() {
  const picked = useHistory((s) => s.compare);
  const close = () => useUi.getState().closeDialog();
  const [sides, setSides] = useState<[Side, Side] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const busy = useRun(selectRunning);
  useEffect(() => {
    if (picked.length !== 2) return;
    let alive = true;
    setSides(null);
    // The older run on the left, as "before".
    loadSettled(picked, () => alive)
      .then((loaded) => {
        if (!loaded) return;
        const [x, y] = loaded;
        setSides(x.run.startedAt <= y.run.startedAt ? [x, y] : [y, x]);
      })
      .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [picked]);
  /** Replays a run from its cassette, then compares the original with its replay. */
  const replay = async (run: RunRecord) => {
    setReplaying(true);
    setError(null);
    const replayId = await commands.replay(run);
    setReplaying(false);
    if (!replayId) return setError(useRun.getState().view.error?.message ?? 'the replay could not start');
    useHistory.getState().setCompare([run.runId, replayId]);
  };
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
              <button
                key={`replay-${side.run.runId}`}
                type="button"
                className="button small"
                disabled={!side.run.cassette || busy || replaying}
                title={side.run.cassette ? 'Run again with the same parameters, answered from this run’s recorded LLM exchanges (no network): the output should match' : NO_CASSETTE}
                onClick={() => void replay(side.run)}
              >
                Replay {i === 0 ? 'left' : 'right'} with the same parameters and cassette
              </button>
            ))}
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
      {!sides && !error && <p className="muted">{replaying ? 'Replaying…' : 'Loading…'}</p>}
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
