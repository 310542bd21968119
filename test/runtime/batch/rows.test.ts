import { afterAll, describe, expect, it } from 'vitest';
import { readInputRows, InputFileError } from '../../../runtime/batch/input-rows';
import { parseParamMap, rowKey, rowParams } from '../../../runtime/batch/row-params';
import { planJobs } from '../../../runtime/batch/plan';
import type { SpellParameter } from '../../../runtime/contract/spell-parameter';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-batch-rows-');
afterAll(() => ws.cleanup());

const declared: SpellParameter[] = [
  { name: 'name', type: 'string', description: 'who', required: true },
  { name: 'n', type: 'integer', description: 'how many', required: false, default: 1 },
];

describe('input rows', () => {
  it('reads CSV with quoted fields, and keeps a ragged row as a row with a problem', () => {
    const rows = readInputRows(ws.write('a.csv', 'id,name,n\n1,"Lovelace, Ada",3\n2,Bob\n\n3,Cy,4\n'));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ row: 1, where: 'line 2', data: { id: '1', name: 'Lovelace, Ada', n: '3' }, fromCsv: true });
    expect(rows[1]!.problem).toMatch(/^line 3: .*columns length is 3, got 2/);
    expect(rows[2]).toMatchObject({ row: 3, where: 'line 5', data: { name: 'Cy' } });
  });

  it('reads JSON Lines; a line that is not an object is a row with a problem', () => {
    const rows = readInputRows(ws.write('a.jsonl', '{"name":"Ada"}\n\n[1,2]\n{"name":\n{"name":"Bob","n":2}\n'));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[1]!.problem).toBe('line 3: expected a JSON object like {"name": "Ada"}');
    expect(rows[2]!.problem).toMatch(/^line 4: not valid JSON/);
    expect(rows[3]!.data).toEqual({ name: 'Bob', n: 2 });
  });

  it('reads a JSON array and refuses files it cannot use at all', () => {
    expect(readInputRows(ws.write('a.json', '[{"name":"Ada"}, 3]'))[1]!.problem).toBe('item 2: expected a JSON object like {"name": "Ada"}');
    expect(() => readInputRows(ws.write('b.json', '{"name":"Ada"}'))).toThrow(InputFileError);
    expect(() => readInputRows(ws.write('c.txt', 'x'))).toThrow('the input must be a .jsonl, .json or .csv file');
    expect(() => readInputRows(`${ws.dir}/missing.csv`, 'missing.csv')).toThrow('cannot read the input missing.csv: ENOENT');
  });
});

describe('row parameters', () => {
  const csv = (data: Record<string, string>) => ({ row: 1, where: 'line 2', data, fromCsv: true });

  it('coerces CSV text to the declared types, leaves undeclared columns out and applies defaults', () => {
    expect(rowParams(csv({ id: '7', name: 'Ada', n: '3' }), declared, new Map())).toEqual({ params: { name: 'Ada', n: 3 } });
    expect(rowParams(csv({ name: 'Ada', n: '' }), declared, new Map())).toEqual({ params: { name: 'Ada', n: 1 } });
  });

  it('reports a missing parameter and a wrong type with where the row is', () => {
    expect(rowParams(csv({ name: '', n: '2' }), declared, new Map())).toEqual({ error: "line 2: missing required parameter 'name' (who): add name=..." });
    expect(rowParams(csv({ name: 'Ada', n: 'many' }), declared, new Map())).toEqual({ error: 'line 2: parameter \'n\': expected an integer, got "many"' });
    expect(rowParams({ row: 1, where: 'line 1', data: { name: 5 } }, declared, new Map())).toMatchObject({ error: expect.stringMatching(/^line 1: parameter 'name': expected a string/) });
  });

  it('maps columns onto parameters, and refuses a mapping onto no parameter', () => {
    const map = parseParamMap(['person=name', 'count=n']);
    expect(rowParams(csv({ person: 'Ada', count: '2', name: 'ignored' }), declared, map)).toEqual({ params: { name: 'Ada', n: 2 } });
    expect(rowParams(csv({ who: 'Ada' }), declared, parseParamMap(['who=nom']))).toEqual({ error: 'line 2: --param-map who=nom names no parameter of the spell; it takes name, n' });
    expect(() => parseParamMap(['oops'])).toThrow("--param-map expects column=parameter, got 'oops'");
  });

  it('passes every column to a spell without declarations', () => {
    expect(rowParams({ row: 1, where: 'line 1', data: { a: 1, b: 'x' } }, undefined, new Map())).toEqual({ params: { a: 1, b: 'x' } });
  });

  it('keys a row by its key column, else its row number', () => {
    expect(rowKey({ row: 4, where: '', data: { id: 'doc-9' } }, 'id')).toBe('doc-9');
    expect(rowKey({ row: 4, where: '', data: { name: 'x' } }, 'id')).toBe('4');
  });
});

describe('job ids', () => {
  it('are stable for the same version and row, differ by version, and tell identical rows apart', () => {
    const rows = readInputRows(ws.write('ids.jsonl', '{"name":"Ada"}\n{"name":"Bob"}\n{"name":"Ada"}\n'));
    const a = planJobs(rows, { version: 'v1', declared }, new Map(), 'id');
    const again = planJobs(rows, { version: 'v1', declared }, new Map(), 'id');
    const other = planJobs(rows, { version: 'v2', declared }, new Map(), 'id');
    expect(again.map((j) => j.jobId)).toEqual(a.map((j) => j.jobId));
    expect(new Set(a.map((j) => j.jobId)).size).toBe(3);
    expect(other.map((j) => j.jobId).some((id) => a.some((j) => j.jobId === id))).toBe(false);
    expect(a[0]!.params).toEqual({ name: 'Ada', n: 1 });
  });
});
