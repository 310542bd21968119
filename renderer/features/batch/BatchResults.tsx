import { resultsToCsv, resultsToJsonl, useBatch } from '../../state';

/** Saves text as a file through the browser's download (no host file access needed). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The running or finished batch: its progress bar, a table of row results, and export. */
export function BatchResults() {
  const { progress, results, status, file } = useBatch();
  const base = (file?.name ?? 'batch').replace(/\.[^.]+$/, '');
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  return (
    <section className="batch-results" aria-label="Batch progress">
      <div className="batch-progress">
        <progress max={Math.max(1, total)} value={done} aria-label="Rows done" />
        <span data-testid="batch-status">
          {status === 'running' ? 'Running' : status === 'stopped' ? 'Stopped' : 'Done'}: {done}/{total} rows, {progress?.failed ?? 0} failed
          {progress?.skipped ? `, ${progress.skipped} already done` : ''}
          {progress && progress.rate > 0 ? `, ${progress.rate.toFixed(1)} rows/s` : ''}
          {progress?.tokens ? `, ${progress.tokens} tokens` : ''}
        </span>
        <span className="batch-export">
          <button type="button" className="button small" disabled={results.length === 0} onClick={() => download(`${base}.results.jsonl`, resultsToJsonl(results), 'application/x-ndjson')}>
            Export JSONL
          </button>
          <button type="button" className="button small" disabled={results.length === 0} onClick={() => download(`${base}.results.csv`, resultsToCsv(results), 'text/csv')}>
            Export CSV
          </button>
        </span>
      </div>
      <div className="batch-table-wrap">
        <table className="batch-table">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Key</th>
              <th scope="col">Status</th>
              <th scope="col">Output or error</th>
              <th scope="col">Tokens</th>
              <th scope="col">ms</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.jobId} className={r.status === 'ok' ? 'batch-ok' : 'batch-failed'}>
                <td>{r.row}</td>
                <td>{r.key}</td>
                <td>{r.status}</td>
                <td className="batch-output">{r.status === 'ok' ? r.output : (r.error?.message ?? 'failed')}</td>
                <td>{r.tokens?.total ?? ''}</td>
                <td>{r.durationMs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
