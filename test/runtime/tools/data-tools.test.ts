import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../runtime/tools/csv';
import { runTool } from './run-tool';

const doc = { a: { b: [10, 20, { c: 'deep' }] }, 'odd key': 1, list: [{ id: 1, name: 'x', extra: true }, { id: 2, name: 'y' }] };

describe('json_process', () => {
  it.each([
    [{ path: '$.a.b[0]' }, 10],
    [{ path: 'a.b[2].c' }, 'deep'],
    [{ path: 'a.b[-1].c' }, 'deep'],
    [{ path: "$['odd key']" }, 1],
    [{ path: '$', operation: 'keys' }, ['a', 'odd key', 'list']],
    [{ path: 'a.b', operation: 'length' }, 3],
    [{ path: 'a', operation: 'values' }, [[10, 20, { c: 'deep' }]]],
    [{ path: 'a.b[1]', operation: 'type' }, 'number'],
    [{ path: 'list', operation: 'pick', fields: ['id', 'name'] }, [{ id: 1, name: 'x' }, { id: 2, name: 'y' }]],
  ])('%j', async (params, expected) => {
    expect(await runTool('json_process', { data: doc, ...params })).toEqual(expected);
  });

  it('parses JSON text and explains missing paths', async () => {
    expect(await runTool('json_process', { json: '{"x":[1,2]}', path: 'x[1]' })).toBe(2);
    await expect(runTool('json_process', { json: '{oops', path: 'x' })).rejects.toThrow("json_process: 'json' is not valid JSON");
    await expect(runTool('json_process', { data: doc, path: '$.a.z' })).rejects.toThrow("json_process: no value at '$.a.z': the object at '$.a' has no key 'z'");
    await expect(runTool('json_process', { data: doc, path: 'a.b[7]' })).rejects.toThrow("json_process: no value at '$.a.b[7]': index 7 is out of range (the list at '$.a.b' has 3 items)");
    await expect(runTool('json_process', { data: {}, path: 'constructor' })).rejects.toThrow("has no key 'constructor'");
    await expect(runTool('json_process', { data: doc, path: 'a[' })).rejects.toThrow("json_process: bad path 'a[': expected [number] or ['key'] at position 2");
    await expect(runTool('json_process', { path: 'a' })).rejects.toThrow("json_process: give either 'data' or 'json' (exactly one)");
  });
});

describe('csv', () => {
  it('parses quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"multi\nline",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'multi\nline', ''],
    ]);
    expect(parseCsv('"",x')).toEqual([['', 'x']]);
    expect(parseCsv('a;b', ';')).toEqual([['a', 'b']]);
    expect(() => parseCsv('a\n"open,1')).toThrow('unterminated quoted field starting on line 2');
    expect(() => parseCsv('"a"b,1')).toThrow('unexpected text after a closing quote on line 1');
  });

  const csv = 'name,age,city\nAnn,34,"Paris, FR"\nBob,27,Berlin\nCy,41,Rome\n';

  it('csv_process parses, selects, filters and converts', async () => {
    expect(await runTool('csv_process', { csv, operation: 'parse' })).toEqual([
      { name: 'Ann', age: '34', city: 'Paris, FR' },
      { name: 'Bob', age: '27', city: 'Berlin' },
      { name: 'Cy', age: '41', city: 'Rome' },
    ]);
    expect(await runTool('csv_process', { csv, operation: 'parse', header: false })).toHaveLength(4);
    expect(await runTool('csv_process', { csv, operation: 'select', columns: ['name'] })).toEqual([{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cy' }]);
    expect(await runTool('csv_process', { csv, operation: 'filter', where: { column: 'age', op: 'gt', value: 30 }, columns: ['name'] })).toEqual([{ name: 'Ann' }, { name: 'Cy' }]);
    expect(await runTool('csv_process', { csv, operation: 'filter', where: { column: 'city', op: 'contains', value: 'FR' } })).toEqual([{ name: 'Ann', age: '34', city: 'Paris, FR' }]);
    expect(await runTool('csv_process', { csv, operation: 'to_json', where: { column: 'name', value: 'Bob' } })).toBe('[{"name":"Bob","age":"27","city":"Berlin"}]');
    expect(await runTool('csv_process', { csv, operation: 'to_csv', columns: ['city', 'name'] })).toBe('city,name\n"Paris, FR",Ann\nBerlin,Bob\nRome,Cy');
  });

  it('csv_process names bad columns, ragged rows and parse errors', async () => {
    await expect(runTool('csv_process', { csv, operation: 'select', columns: ['zip'] })).rejects.toThrow("csv_process: unknown column 'zip' (columns: name, age, city)");
    await expect(runTool('csv_process', { csv: 'a,b\n1,2,3', operation: 'parse' })).rejects.toThrow('csv_process: row 2 has 3 fields, the header has 2');
    await expect(runTool('csv_process', { csv: 'a,a\n1,2', operation: 'parse' })).rejects.toThrow("csv_process: duplicate column name 'a' in the header");
    await expect(runTool('csv_process', { csv: '"x', operation: 'parse' })).rejects.toThrow('csv_process: unterminated quoted field starting on line 1');
    await expect(runTool('csv_process', { csv, operation: 'filter' })).rejects.toThrow("csv_process: operation 'filter' needs parameter 'where'");
    await expect(runTool('csv_process', { csv, operation: 'parse', delimiter: ';;' })).rejects.toThrow('csv_process: invalid parameters: /delimiter: must NOT have more than 1 characters');
  });
});
