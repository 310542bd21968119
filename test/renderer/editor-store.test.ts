import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEditorStore } from '../../renderer/state/editor-store';
import { FakeClient, summary } from './fake-client';

const PATH = '/lib/hello';
const timing = { recoveryMs: 500, diagnoseMs: 300 };

function fakeHost(recovery: { file: string; content: string; savedAt: number }[] = []) {
  let mtime = 10;
  const disk = new Map([
    ['main.lua', 'print("hi")\n'],
    ['spell.yaml', 'name: hello\n'],
  ]);
  const client = new FakeClient()
    .handle('library.open', () => ({ spell: summary(), files: [...disk].map(([name, content]) => ({ name, content, mtime: 10 })) }))
    .handle('files.recovery', () => recovery)
    .handle('files.saveRecovery', () => ({ ok: true }))
    .handle('files.discardRecovery', () => ({ ok: true }))
    .handle('files.diagnose', ({ content }) => (content.includes('(') && !content.includes(')') ? [{ file: 'main.lua', line: 1, message: "')' expected", severity: 'error' as const }] : []))
    .handle('files.save', ({ file, content, baseMtime }) => {
      if (baseMtime !== undefined && baseMtime !== mtime) throw Object.assign(new Error(`${file} changed on disk`), { code: 'stale_save' });
      disk.set(file, content);
      return { mtime: ++mtime };
    });
  return { client, disk, touch: () => ++mtime };
}

describe('editor store', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('opens a spell without running it, source file first', async () => {
    const { client } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    expect(editor.getState()).toMatchObject({ active: 'main.lua', offers: [] });
    expect(client.calls.map((c) => c.method)).not.toContain('runs.start');
  });

  it('keeps a recovery copy of unsaved edits (debounced), and drops it after a save', async () => {
    const { client } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    editor.getState().edit('main.lua', 'print("a")\n');
    editor.getState().edit('main.lua', 'print("ab")\n');
    expect(client.inputs('files.saveRecovery')).toEqual([]);
    await vi.advanceTimersByTimeAsync(500);
    expect(client.inputs('files.saveRecovery')).toEqual([{ path: PATH, file: 'main.lua', content: 'print("ab")\n' }]);

    expect(await editor.getState().save('main.lua')).toBe(true);
    expect(client.inputs('files.save')).toEqual([{ path: PATH, file: 'main.lua', content: 'print("ab")\n', baseMtime: 10 }]);
    expect(client.inputs('files.discardRecovery')).toContainEqual({ path: PATH, file: 'main.lua' });
    expect(editor.getState().files.find((f) => f.name === 'main.lua')).toMatchObject({ saved: 'print("ab")\n', mtime: 11 });
  });

  it('sends pending recovery copies at once when flushed (leaving the page)', async () => {
    const { client } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    editor.getState().edit('main.lua', 'x = 1\n');
    editor.getState().flushRecovery();
    expect(client.inputs('files.saveRecovery')).toHaveLength(1);
  });

  it('offers recovery copies back on open, never applying them silently', async () => {
    const { client } = fakeHost([{ file: 'main.lua', content: 'print("unsaved")\n', savedAt: 5 }]);
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    expect(editor.getState().offers).toEqual([{ file: 'main.lua', content: 'print("unsaved")\n', savedAt: 5 }]);
    expect(editor.getState().files[0]!.draft).toBe('print("hi")\n');
    editor.getState().restore('main.lua');
    expect(editor.getState().offers).toEqual([]);
    expect(editor.getState().files[0]).toMatchObject({ draft: 'print("unsaved")\n', saved: 'print("hi")\n' });
  });

  it('refuses to overwrite a file changed on disk, then overwrites on request', async () => {
    const { client, touch, disk } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    touch();
    editor.getState().edit('main.lua', 'mine\n');
    expect(await editor.getState().save()).toBe(false);
    expect(editor.getState().conflict).toBe('main.lua');
    expect(disk.get('main.lua')).toBe('print("hi")\n');
    expect(await editor.getState().save('main.lua', { overwrite: true })).toBe(true);
    expect(editor.getState().conflict).toBeNull();
    expect(disk.get('main.lua')).toBe('mine\n');
  });

  it('waits for a save on the wire before the next (Ctrl+S then Run), so it never conflicts with its own write', async () => {
    const { client, disk } = fakeHost();
    let answer: () => void = () => {};
    const wire = client.call.bind(client);
    // The host writes at once but its answer is late, as under load.
    client.call = (async (method: string, input: never) => {
      const result = await wire(method as never, input);
      if (method === 'files.save') await new Promise<void>((resolve) => (answer = resolve));
      return result;
    }) as typeof client.call;
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    editor.getState().edit('main.lua', 'one\n');
    const first = editor.getState().save('main.lua');
    const all = editor.getState().saveAll();
    await vi.advanceTimersByTimeAsync(0);
    answer();
    expect(await first).toBe(true);
    expect(await all).toBe(true);
    expect(editor.getState().conflict).toBeNull();
    expect(client.inputs('files.save')).toHaveLength(1);

    // An edit made while a save is on the wire is written by the next save, with the new mtime.
    editor.getState().edit('main.lua', 'two\n');
    const second = editor.getState().save('main.lua');
    editor.getState().edit('main.lua', 'three\n');
    const third = editor.getState().save('main.lua');
    await vi.advanceTimersByTimeAsync(0);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    answer();
    expect([await second, await third]).toEqual([true, true]);
    expect(disk.get('main.lua')).toBe('three\n');
    expect(editor.getState().conflict).toBeNull();
  });

  it('diagnoses edits after a pause and keeps only the latest answer', async () => {
    const { client } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    await vi.advanceTimersByTimeAsync(0);
    editor.getState().edit('main.lua', 'print(\n');
    await vi.advanceTimersByTimeAsync(299);
    expect(editor.getState().diagnostics['main.lua']).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(editor.getState().diagnostics['main.lua']).toEqual([{ file: 'main.lua', line: 1, message: "')' expected", severity: 'error' }]);
  });

  it('reveals a line named by an error, in the right tab', async () => {
    const { client } = fakeHost();
    const editor = createEditorStore(client, timing);
    await editor.getState().open(PATH);
    editor.getState().select('spell.yaml');
    editor.getState().revealLine('/abs/path/hello/main.lua', 3);
    expect(editor.getState().active).toBe('main.lua');
    expect(editor.getState().reveal).toMatchObject({ file: 'main.lua', line: 3 });
  });
});
