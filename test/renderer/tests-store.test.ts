import { describe, expect, it } from 'vitest';
import type { TestResult } from '../../runtime/contract/spell-tests';
import { createTestsStore, testRows } from '../../renderer/state/tests-store';
import { createEditorStore } from '../../renderer/state/editor-store';
import { FakeClient, summary } from './fake-client';

const FILES = [
  { file: 'tests/a.test.lua', cases: [{ name: 'greets', line: 1 }, { name: 'fails', line: 5 }], cassette: false },
  { file: 'tests/b.test.lua', cases: [], cassette: true },
];
const result = (file: string, name: string, ok: boolean, line?: number): TestResult => ({ file, name, ok, durationMs: 12, ...(ok ? {} : { error: 'expected 1 to equal 2', ...(line ? { line } : {}) }) });

function setup() {
  const client = new FakeClient()
    .handle('tests.list', () => FILES)
    .handle('tests.active', () => [])
    .handle('tests.run', () => ({ testRunId: 't1' }))
    .handle('tests.stop', () => ({ ok: true as const }));
  return { client, store: createTestsStore(client) };
}

describe('tests store', () => {
  it('lists declared cases (a file without any is one case) and shows what runs, in order', async () => {
    const { client, store } = setup();
    await store.getState().load('/lib/hello');
    expect(testRows(store.getState()).map((r) => r.cases.map((c) => `${c.name}:${c.status}`))).toEqual([['greets:idle', 'fails:idle'], ['tests/b.test.lua:idle']]);

    await store.getState().run({ kind: 'all' });
    expect(client.inputs('tests.run')).toEqual([{ path: '/lib/hello' }]);
    const send = (event: Parameters<ReturnType<typeof store.getState>['receive']>[0]['event']) => store.getState().receive({ testRunId: 't1', spellPath: '/lib/hello', event });
    send({ type: 'file', file: 'tests/a.test.lua' });
    send({ type: 'result', result: result('tests/a.test.lua', 'greets', true) });
    expect(testRows(store.getState()).map((r) => r.cases.map((c) => c.status))).toEqual([['passed', 'running'], ['queued']]);
    // a case only the run reported (a computed name) joins its file's list
    send({ type: 'result', result: result('tests/a.test.lua', 'computed 1', true) });
    send({ type: 'result', result: result('tests/a.test.lua', 'fails', false, 7) });
    send({ type: 'file', file: 'tests/b.test.lua' });
    send({ type: 'result', result: result('tests/b.test.lua', 'tests/b.test.lua', true) });
    // another run's events are not ours
    store.getState().receive({ testRunId: 'other', spellPath: '/lib/hello', event: { type: 'done', passed: 0, failed: 9, stopped: false } });
    expect(store.getState().running).not.toBeNull();
    send({ type: 'done', passed: 3, failed: 1, stopped: false });
    expect(store.getState()).toMatchObject({ running: null, summary: { passed: 3, failed: 1, stopped: false, record: false } });
    expect(testRows(store.getState())[0]!.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['greets:passed', 'fails:failed', 'computed 1:passed']);
  });

  it('runs one case with its file and name, keeping the other verdicts; records and stops', async () => {
    const { client, store } = setup();
    await store.getState().load('/lib/hello');
    await store.getState().run({ kind: 'all' });
    store.getState().receive({ testRunId: 't1', spellPath: '/lib/hello', event: { type: 'result', result: result('tests/a.test.lua', 'fails', false, 7) } });
    store.getState().receive({ testRunId: 't1', spellPath: '/lib/hello', event: { type: 'result', result: result('tests/a.test.lua', 'greets', true) } });
    store.getState().receive({ testRunId: 't1', spellPath: '/lib/hello', event: { type: 'done', passed: 1, failed: 1, stopped: false } });

    await store.getState().run({ kind: 'case', file: 'tests/a.test.lua', name: 'greets' });
    expect(client.inputs('tests.run').at(-1)).toEqual({ path: '/lib/hello', file: 'tests/a.test.lua', name: 'greets' });
    expect(testRows(store.getState())[0]!.cases.map((c) => c.status)).toEqual(['queued', 'failed']);
    await store.getState().stop();
    expect(client.inputs('tests.stop')).toEqual([{ testRunId: 't1' }]);
    store.getState().receive({ testRunId: 't1', spellPath: '/lib/hello', event: { type: 'done', passed: 0, failed: 0, stopped: true } });

    await store.getState().run({ kind: 'all' }, { record: true });
    expect(client.inputs('tests.run').at(-1)).toEqual({ path: '/lib/hello', record: true });
  });

  it('takes over a test run still going on after a reload, with its results so far', async () => {
    const { client, store } = setup();
    client.handle('tests.active', () => [
      { testRunId: 't9', file: 'tests/a.test.lua', record: false, events: [{ type: 'file' as const, file: 'tests/a.test.lua' }, { type: 'result' as const, result: result('tests/a.test.lua', 'greets', true) }] },
    ]);
    await store.getState().load('/lib/hello');
    expect(store.getState().error).toBeNull();
    expect(store.getState().running).toEqual({ testRunId: 't9', scope: { kind: 'file', file: 'tests/a.test.lua' }, record: false });
    expect(testRows(store.getState())[0]!.cases.map((c) => c.status)).toEqual(['passed', 'running']);
    await store.getState().stop();
    expect(client.inputs('tests.stop')).toEqual([{ testRunId: 't9' }]);
  });

  it('marks failed assertions on their lines in the editor, and an edit of the file clears them', async () => {
    const client = new FakeClient()
      .handle('library.open', () => ({ spell: summary(), files: [{ name: 'main.lua', content: 'print(1)\n', mtime: 1 }, { name: 'tests/a.test.lua', content: 'x\ny\n', mtime: 1 }] }))
      .handle('files.recovery', () => [])
      .handle('files.diagnose', () => []);
    const editor = createEditorStore(client, { recoveryMs: 0, diagnoseMs: 10_000 });
    await editor.getState().open('/lib/hello');
    editor.getState().markTestFailures([{ file: 'tests/a.test.lua', line: 2, message: 'expected 1 to equal 2' }]);
    expect(editor.getState().testErrors).toEqual({ 'tests/a.test.lua': [{ file: 'tests/a.test.lua', line: 2, message: 'test failed: expected 1 to equal 2', severity: 'error' }] });
    editor.getState().edit('tests/a.test.lua', 'x\nz\n');
    expect(editor.getState().testErrors).toEqual({});
  });
});
