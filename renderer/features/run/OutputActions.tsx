import { useState } from 'react';
import { useRun } from '../../state';

/** Downloads the shown run's whole output as a text file. */
async function saveOutput(): Promise<void> {
  const { view, fullOutput } = useRun.getState();
  const output = await fullOutput();
  if (!output) return;
  const url = URL.createObjectURL(new Blob([output.text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${view.spellPath?.split('/').pop() ?? 'run'}-${view.runId}.txt`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function useAction(action: () => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const run = () => {
    setError(null);
    action().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return [run, error] as const;
}

/** The console header's Save output (the whole output of the shown run, from the host). */
export function OutputActions() {
  const runId = useRun((s) => s.view.runId);
  const [save, error] = useAction(saveOutput);
  return (
    <>
      {error && (
        <span className="text-error" role="alert">
          {error}
        </span>
      )}
      <button type="button" className="link-button" onClick={save} disabled={!runId}>
        Save output
      </button>
    </>
  );
}

/** Says how many earlier rows the console dropped, with Show all and Save output. */
export function DroppedNotice() {
  const dropped = useRun((s) => s.view.console.dropped);
  const max = useRun((s) => s.view.console.maxRows);
  const [showAll, error] = useAction(() => useRun.getState().showAll());
  const [save] = useAction(saveOutput);
  if (!dropped) return null;
  return (
    <p className="console-dropped" role="note">
      {dropped.toLocaleString('en')} earlier lines are not kept here (the console keeps the last {max.toLocaleString('en')}; change it in Settings).{' '}
      <button type="button" className="link-button" onClick={showAll}>
        Show all
      </button>{' '}
      <button type="button" className="link-button" onClick={save}>
        Save all output
      </button>
      {error && <span className="text-error"> {error}</span>}
    </p>
  );
}
