import { describe, expect, it } from 'vitest';
import type { BatchProgress, BatchResult } from '../../runtime/contract/batch';
import type { SpellSummary } from '../../runtime/contract/studio-api';
import { addResult, createBatchStore, defaultMapping, resultsToCsv, resultsToJsonl, toParamMap } from '../../renderer/state/batch-store';
import { FakeClient } from './fake-client';

const spell: SpellSummary = {
  path: '/lib/greeter',
  name: 'greeter',
  version: '1.0.0',
  description: '',
  tags: [],
  engine: 'lua',
  parameters: [{ name: 'name', type: 'string' }, { name: 'times', type: 'integer' }],
  folder: '/lib',
};
const result = (row: number, status: 'ok' | 'failed' = 'ok'): BatchResult => ({ row, key: `k${row}`, jobId: `j${row}`, status, output: `out, "${row}"\n`, durationMs: 3 });
const progress = (done: number): BatchProgress => ({ total: 2, done, ok: done, failed: 0, skipped: 0, running: 0, rate: 1, tokens: 0, elapsedMs: 10 });

describe('batch store', () => {
  it('maps parameters to same-named columns, and sends only the renames', () => {
    expect(defaultMapping(['name', 'times'], ['id', 'times'])).toEqual({ name: '', times: 'times' });
    expect(toParamMap({ name: 'person', times: 'times', other: '' })).toEqual({ person: 'name' });
  });

  it('keeps results in row order, one per job, and exports them as JSONL and CSV', () => {
    const results = [result(2), result(1, 'failed')].reduce(addResult, [] as BatchResult[]);
    expect(addResult(results, result(2)).map((r) => r.row)).toEqual([1, 2]);
    expect(resultsToJsonl(results).split('\n').filter(Boolean).map((l) => JSON.parse(l).row)).toEqual([1, 2]);
    expect(resultsToCsv(results)).toBe('row,key,status,output,error,tokens,duration_ms\n1,k1,failed,"out, ""1""\n",,,3\n2,k2,ok,"out, ""2""\n",,,3\n');
  });

  it('previews the picked file, starts with the mapping, and follows only its own batch', async () => {
    const client = new FakeClient()
      .handle('batches.preview', () => ({ columns: ['person', 'times'], rows: 2, sample: [], problems: [] }))
      .handle('batches.start', () => ({ batchId: 'b1' }))
      .handle('batches.get', () => ({ batch: { batchId: 'b1', spellPath: spell.path, spellName: 'greeter', input: 'p.csv', startedAt: 1, status: 'running' as const, progress: progress(0) }, results: [result(1)] }));
    const store = createBatchStore(client);
    store.getState().open(spell);
    await store.getState().pickFile('p.csv', 'person,times\nAda,1\n');
    expect(store.getState().mapping).toEqual({ name: '', times: 'times' });
    store.getState().setColumn('name', 'person');
    store.getState().setConcurrency(40);
    await store.getState().start();
    expect(client.inputs('batches.start')).toEqual([{ path: spell.path, name: 'p.csv', content: 'person,times\nAda,1\n', paramMap: { person: 'name' }, concurrency: 16 }]);
    expect(store.getState().results.map((r) => r.row)).toEqual([1]);
    store.getState().receive({ batchId: 'other', event: { type: 'row', result: result(9) } });
    store.getState().receive({ batchId: 'b1', event: { type: 'row', result: result(2) } });
    store.getState().receive({ batchId: 'b1', event: { type: 'summary', progress: progress(2), output: 'x', interrupted: false } });
    expect(store.getState()).toMatchObject({ status: 'done', progress: { done: 2 } });
    expect(store.getState().results.map((r) => r.row)).toEqual([1, 2]);
  });
});
