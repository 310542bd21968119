import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioClient } from '../../../runtime/contract/studio-api';
import { STUDIO_EVENTS, STUDIO_METHODS } from '../../../runtime/contract/studio-api';
import { ALLOWED_EVENTS, ALLOWED_METHODS } from '../../../electron/preload/allow-list';
import { ROOT } from '../../helpers/cli';

describe('preload allow-list', () => {
  it('is exactly the contract’s methods and events', () => {
    expect([...ALLOWED_METHODS].sort()).toEqual(Object.keys(STUDIO_METHODS).sort());
    expect([...ALLOWED_EVENTS].sort()).toEqual(Object.keys(STUDIO_EVENTS).sort());
  });
});

describe('the bundled preload (CommonJS, as a sandboxed preload must be)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'llmspell-preload-'));
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, ((event: unknown, message: unknown) => void)[]>();
  let api: StudioClient | undefined;
  let exposedAs = '';
  let reply: unknown = { result: [] };

  beforeAll(async () => {
    const script = pathToFileURL(path.join(ROOT, 'scripts', 'build-electron.mjs')).href;
    const { buildElectron } = (await import(script)) as { buildElectron: (o: object) => Promise<void> };
    await buildElectron({ outdir: out, quiet: true, runtime: false });
    const electron = {
      contextBridge: { exposeInMainWorld: (name: string, value: StudioClient) => ((exposedAs = name), (api = value)) },
      ipcRenderer: {
        invoke: (channel: string, input: unknown) => (invoked.push({ channel, input }), Promise.resolve(reply)),
        on: (channel: string, fn: (event: unknown, message: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
        removeListener: (channel: string, fn: unknown) => listeners.set(channel, (listeners.get(channel) ?? []).filter((f) => f !== fn)),
      },
    };
    // A sandboxed preload gets a require() that knows `electron` and little else: the bundle must need nothing more.
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(readFileSync(path.join(out, 'preload.cjs'), 'utf8'), { require: sandboxRequire, module, exports: module.exports, console });
  }, 60_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('exposes one `api` that forwards contract methods to their channels', async () => {
    expect(exposedAs).toBe('api');
    expect(await api!.call('library.list', {})).toEqual([]);
    expect(invoked).toEqual([{ channel: 'studio:library.list', input: {} }]);
  });

  it('refuses anything else without touching IPC, and turns error replies into rejections with a code', async () => {
    await expect(api!.call('shell.openExternal' as never, {} as never)).rejects.toMatchObject({ code: 'unknown_method' });
    expect(invoked).toHaveLength(1);
    reply = { error: { message: 'main.lua changed on disk', code: 'stale' } };
    await expect(api!.call('files.save', { path: '/x', file: 'main.lua', content: '' })).rejects.toMatchObject({ code: 'stale', message: 'main.lua changed on disk' });
  });

  it('delivers only the data of the subscribed event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api!.on('library', (data) => seen.push(data));
    const [listener] = listeners.get('studio:event')!;
    listener!({ sender: 'secret' }, { event: 'run', data: { type: 'started' } });
    listener!({ sender: 'secret' }, { event: 'library', data: { reason: 'saved' } });
    expect(seen).toEqual([{ reason: 'saved' }]);
    off();
    expect(listeners.get('studio:event')).toEqual([]);
  });
});
