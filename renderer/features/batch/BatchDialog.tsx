import { useEffect } from 'react';
import type { SpellSummary } from '../../../runtime/contract/studio-api';
import { parameterNames, useBatch } from '../../state';
import { Dialog } from '../layout/Dialog';
import { BatchResults } from './BatchResults';

/**
 * "Batch" on a spell: pick a .csv/.jsonl/.json file, map its columns to the spell's parameters, run
 * the spell over every row, and watch the progress and each row's result (`llmspell batch`).
 */
export function BatchDialog({ spell, onDone }: { spell: SpellSummary; onDone(): void }) {
  const state = useBatch();
  useEffect(() => useBatch.getState().open(spell), [spell]);
  const params = parameterNames(spell);
  const running = state.status === 'running';

  const onFile = async (file: File | undefined) => {
    if (file) await state.pickFile(file.name, await file.text());
  };

  return (
    <Dialog
      title={`Batch: ${spell.name}`}
      wide
      onClose={() => {
        state.close();
        onDone();
      }}
      actions={
        <>
          {running ? (
            <button type="button" className="button danger" onClick={() => void state.stop()}>
              Stop
            </button>
          ) : null}
          <button type="button" className="button primary" disabled={!state.preview || running} onClick={() => void state.start()}>
            {state.status === 'idle' ? 'Run batch' : 'Run again'}
          </button>
        </>
      }
    >
      <div className="batch-dialog">
        <div className="field">
          <label htmlFor="batch-file">Input file (.csv, .jsonl or .json, one row per run)</label>
          <input id="batch-file" type="file" accept=".csv,.jsonl,.ndjson,.json" disabled={running} onChange={(e) => void onFile(e.target.files?.[0])} />
          {state.preview ? (
            <span className="field-hint" data-testid="batch-preview">
              {state.file?.name}: {state.preview.rows} rows, columns {state.preview.columns.join(', ') || 'none'}
              {state.preview.problems.length ? `; ${state.preview.problems.length} unreadable` : ''}
            </span>
          ) : null}
        </div>
        {state.preview && params.length > 0 ? (
          <fieldset className="batch-mapping" disabled={running}>
            <legend>Columns → parameters</legend>
            {params.map((param) => (
              <div className="field field-inline" key={param}>
                <label htmlFor={`batch-map-${param}`}>{param}</label>
                <select id={`batch-map-${param}`} value={state.mapping[param] ?? ''} onChange={(e) => state.setColumn(param, e.target.value)}>
                  <option value="">(none: default or missing)</option>
                  {state.preview!.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </div>
            ))}
          </fieldset>
        ) : null}
        {state.preview ? (
          <div className="field field-inline">
            <label htmlFor="batch-concurrency">Rows at once</label>
            <input id="batch-concurrency" type="number" min={1} max={16} value={state.concurrency} disabled={running} onChange={(e) => state.setConcurrency(Number(e.target.value))} />
          </div>
        ) : null}
        {state.error ? (
          <p className="field-error" role="alert">
            {state.error}
          </p>
        ) : null}
        {state.status !== 'idle' ? <BatchResults /> : null}
      </div>
    </Dialog>
  );
}
