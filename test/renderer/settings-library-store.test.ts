import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../runtime/contract/studio-api';
import { createLibraryStore } from '../../renderer/state/library-store';
import { createSettingsStore } from '../../renderer/state/settings-store';
import { FakeClient, summary } from './fake-client';

const view = (hasKey: boolean): SettingsView => ({
  providers: [{ name: 'openai', baseUrl: 'http://x/v1', hasKey }],
  currentProvider: 'openai',
  prices: [],
  limits: { timeout: 300, memory: 256 },
  libraryFolders: ['/lib'],
});

describe('settings store', () => {
  it('sends a key only when one is typed, and keeps only what the host returns', async () => {
    const client = new FakeClient().handle('settings.get', () => view(false)).handle('settings.setProvider', () => view(true));
    const settings = createSettingsStore(client);
    await settings.getState().load();
    expect(settings.getState().view?.providers[0]?.hasKey).toBe(false);
    expect(await settings.getState().saveProvider({ name: 'openai', apiKey: 'sk-secret' })).toBe(true);
    expect(settings.getState()).toMatchObject({ notice: 'Saved openai.', error: null });
    expect(JSON.stringify(settings.getState().view)).not.toContain('sk-secret');
    expect(settings.getState().view?.providers[0]?.hasKey).toBe(true);
  });

  it('reports a refused update', async () => {
    const client = new FakeClient().handle('settings.update', () => {
      throw new Error('limits.timeout: expected a positive number');
    });
    const settings = createSettingsStore(client);
    expect(await settings.getState().update({ limits: { timeout: -1 } })).toBe(false);
    expect(settings.getState()).toMatchObject({ busy: false, error: 'limits.timeout: expected a positive number' });
  });
});

describe('library store', () => {
  it('reloads the list and the trash after each change', async () => {
    let spells = [summary({ path: '/lib/b', name: 'b' }), summary({ path: '/lib/a', name: 'a' })];
    const trash: { trashId: string; name: string; deletedAt: number }[] = [];
    const client = new FakeClient()
      .handle('library.list', () => spells)
      .handle('library.trash', () => trash)
      .handle('library.delete', ({ path }) => {
        spells = spells.filter((s) => s.path !== path);
        trash.push({ trashId: 't1', name: 'a', deletedAt: 1 });
        return { trashId: 't1' };
      });
    const library = createLibraryStore(client);
    await library.getState().load();
    expect(library.getState().spells.map((s) => s.name)).toEqual(['a', 'b']);
    await library.getState().remove('/lib/a');
    expect(library.getState().spells.map((s) => s.name)).toEqual(['b']);
    expect(library.getState().trash).toEqual([{ trashId: 't1', name: 'a', deletedAt: 1 }]);
  });

  it('keeps the error of a failed change and still shows the disk', async () => {
    const client = new FakeClient()
      .handle('library.list', () => [])
      .handle('library.trash', () => [])
      .handle('library.rename', () => {
        throw new Error('a spell named b already exists');
      });
    const library = createLibraryStore(client);
    await expect(library.getState().rename('/lib/a', 'b')).rejects.toThrow('already exists');
    expect(library.getState()).toMatchObject({ error: 'a spell named b already exists', loaded: true });
  });
});
