import { describe, expect, it } from 'vitest';
import { createCommands } from '../../renderer/state/commands';
import { createEditorStore } from '../../renderer/state/editor-store';
import { createHistoryStore } from '../../renderer/state/history-store';
import { createLibraryStore } from '../../renderer/state/library-store';
import { createParamsStore } from '../../renderer/state/params-store';
import { createRunStore } from '../../renderer/state/run-store';
import { FakeClient, summary } from './fake-client';

const spell = summary({ parameters: [{ name: 'name', type: 'string', required: true }, { name: 'times', type: 'integer', default: 1 }] });

function setup() {
  const client = new FakeClient()
    .handle('library.list', () => [spell])
    .handle('library.trash', () => [])
    .handle('library.open', () => ({ spell, files: [{ name: 'main.lua', content: 'print(params.name)\n', mtime: 1 }] }))
    .handle('files.recovery', () => [])
    .handle('files.diagnose', () => [])
    .handle('files.save', () => ({ mtime: 2 }))
    .handle('files.discardRecovery', () => ({ ok: true }))
    .handle('runs.history', () => [])
    .handle('runs.start', () => ({ runId: 'r1' }));
  const stores = {
    library: createLibraryStore(client),
    editor: createEditorStore(client, { recoveryMs: 10_000, diagnoseMs: 10_000 }),
    run: createRunStore(client),
    history: createHistoryStore(client),
    params: createParamsStore(),
  };
  return { client, stores, commands: createCommands(stores) };
}

describe('commands', () => {
  it('refuses to run with invalid parameters, showing why', async () => {
    const { client, stores, commands } = setup();
    await commands.openSpell(spell.path);
    expect(await commands.runSpell()).toBe(false);
    expect(stores.params.getState().errors).toEqual({ name: 'required' });
    expect(client.inputs('runs.start')).toEqual([]);
  });

  it('saves unsaved files, then runs with typed parameters', async () => {
    const { client, stores, commands } = setup();
    await commands.openSpell(spell.path);
    const fields = [{ name: 'name', type: 'string' as const, description: '', required: true }, { name: 'times', type: 'integer' as const, description: '', required: false, default: 1 }];
    stores.params.getState().setValue(spell.path, fields, 'name', 'Ada');
    stores.params.getState().setValue(spell.path, fields, 'times', '3');
    stores.editor.getState().edit('main.lua', 'print("edited")\n');
    expect(await commands.runSpell()).toBe(true);
    const order = client.calls.map((c) => c.method).filter((m) => m === 'files.save' || m === 'runs.start');
    expect(order).toEqual(['files.save', 'runs.start']);
    expect(client.inputs('runs.start')).toEqual([{ path: spell.path, params: { name: 'Ada', times: 3 } }]);
  });

  it('re-runs a past run with its parameters, filling the form', async () => {
    const { client, stores, commands } = setup();
    await commands.rerun({ runId: 'old', spellPath: spell.path, spellName: 'hello', params: { name: 'Bo', times: 2 }, startedAt: 1, status: 'ok', output: '' });
    expect(stores.editor.getState().spell?.path).toBe(spell.path);
    expect(client.inputs('runs.start')).toEqual([{ path: spell.path, params: { name: 'Bo', times: 2 } }]);
    expect(stores.params.getState().values[spell.path]).toMatchObject({ name: 'Bo', times: '2' });
  });

  it('takes the token count from history when a run ends', async () => {
    const { client, stores, commands } = setup();
    client.handle('runs.history', () => [{ runId: 'r1', spellPath: spell.path, spellName: 'hello', params: {}, startedAt: 1, status: 'ok', output: '', tokens: 42 }]);
    await commands.openSpell(spell.path);
    await stores.run.getState().start(spell.path, { name: 'x' });
    await commands.afterRun('r1');
    expect(stores.run.getState().view.tokens).toBe(42);
    expect(stores.history.getState().runs).toHaveLength(1);
  });
});
