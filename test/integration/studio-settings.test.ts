import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { closeStudio, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const KEY = 'sk-studio-test-0123456789-secret';
const ws = tempWorkspace('llmspell-studio-settings-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spell = path.join(project, 'spells', 'streamer');
let server: LlmServer;
let studio: StudioProcess;
let client: StudioTestClient;

beforeAll(async () => {
  server = await startLlmServer({ apiKey: KEY, chunkDelayMs: 5 });
  mkdirSync(spell, { recursive: true });
  writeFileSync(path.join(spell, 'main.lua'), 'local full = llm.stream_text("one two three four", function(c) end)\nprint(full)\nprint(llm.get_provider())\n');
  studio = await startStudio({ home, cwd: project });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await closeStudio(studio, client);
  await server.close();
  ws.cleanup();
});

describe('studio settings', () => {
  it('shows providers without keys, and the mock as current when none is set', async () => {
    const view = await client.call('settings.get', {});
    expect(view.currentProvider).toBe('mock');
    expect(view.providers.map((p) => p.name)).toEqual(expect.arrayContaining(['mock', 'openai', 'anthropic', 'ollama']));
    expect(view.providers.every((p) => p.hasKey === false)).toBe(true);
    expect(view.limits).toEqual({ timeout: 300, memory: 256 });
  });

  it('saves a key in a 0600 file and never sends it back, in any response or event', async () => {
    const view = await client.call('settings.setProvider', { name: 'local', baseUrl: server.url, model: 'test-model', apiKey: KEY });
    expect(view.providers.find((p) => p.name === 'local')).toEqual({ name: 'local', baseUrl: server.url, model: 'test-model', runModel: 'test-model', hasKey: true });
    const secrets = path.join(home, 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(KEY);
    expect(readFileSync(path.join(home, 'studio-settings.json'), 'utf8')).not.toContain(KEY);

    await client.call('settings.update', { currentProvider: 'local' });
    const { runId } = await client.call('runs.start', { path: spell, params: {} });
    const finished = await client.finished(runId);
    expect(finished).toMatchObject({ ok: true });
    // The run used the saved settings: the key reached the LLM server, streamed tokens reached us.
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(client.runEvents(runId).filter((e) => e.type === 'token').length).toBeGreaterThan(1);
    const { run } = await client.call('runs.get', { runId });
    expect(run.output).toContain('local');
    await client.call('settings.get', {});
    await client.call('runs.history', {});

    expect(client.raw.length).toBeGreaterThan(5);
    for (const message of client.raw) expect(message).not.toContain(KEY);
    expect(studio.stdout()).not.toContain(KEY);
    expect(studio.stderr()).not.toContain(KEY);
    // Nor in run history on disk.
    for (const file of readdirSync(path.join(home, 'history'))) expect(readFileSync(path.join(home, 'history', file), 'utf8')).not.toContain(KEY);
  });

  it('keeps the key when a provider is saved without one, and removes it with an empty one', async () => {
    let view = await client.call('settings.setProvider', { name: 'local', model: 'other-model' });
    expect(view.providers.find((p) => p.name === 'local')).toMatchObject({ model: 'other-model', hasKey: true });
    view = await client.call('settings.setProvider', { name: 'local', apiKey: '' });
    expect(view.providers.find((p) => p.name === 'local')?.hasKey).toBe(false);
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain(KEY);
  });

  it('binds a saved key to its URL: pointing the provider elsewhere drops it, so the key must be entered again (issue 12 item 7)', async () => {
    await client.call('settings.setProvider', { name: 'bound', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'bound-key-1' });
    let view = await client.call('settings.setProvider', { name: 'bound', baseUrl: 'http://attacker.example/v1' });
    expect(view.providers.find((p) => p.name === 'bound')).toMatchObject({ baseUrl: 'http://attacker.example/v1', hasKey: false });
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain('bound-key-1');
    view = await client.call('settings.setProvider', { name: 'bound', baseUrl: 'http://127.0.0.1:10/v1', apiKey: 'bound-key-2' });
    expect(view.providers.find((p) => p.name === 'bound')).toMatchObject({ baseUrl: 'http://127.0.0.1:10/v1', hasKey: true });
    // the same URL again, or the model alone, keeps the key
    view = await client.call('settings.setProvider', { name: 'bound', baseUrl: 'http://127.0.0.1:10/v1', model: 'm' });
    expect(view.providers.find((p) => p.name === 'bound')).toMatchObject({ hasKey: true });
  });

  it('tests a connection through the real client, sends a saved key only to its own URL, and drops it when the URL changes', async () => {
    await client.call('settings.setProvider', { name: 'local', baseUrl: server.url, apiKey: KEY });
    const tested = await client.call('settings.testProvider', { name: 'local' });
    expect(tested.ok).toBe(true);
    expect(tested.ok && tested.models.length).toBeGreaterThan(0);
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/models', headers: { authorization: `Bearer ${KEY}` } });
    // The same server under another name is another URL: the saved key is not sent there.
    const other = server.url.replace('127.0.0.1', 'localhost');
    const refused = await client.call('settings.testProvider', { name: 'local', baseUrl: other });
    expect(refused.ok).toBe(false);
    expect(server.requests.at(-1)?.headers.authorization).not.toBe(`Bearer ${KEY}`);
    expect(await client.call('settings.testProvider', { name: 'local', baseUrl: other, apiKey: KEY })).toMatchObject({ ok: true });

    const view = await client.call('settings.setProvider', { name: 'local', baseUrl: other });
    expect(view.providers.find((p) => p.name === 'local')).toMatchObject({ baseUrl: other, hasKey: false });
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain(KEY);
    await client.call('settings.setProvider', { name: 'local', baseUrl: server.url });
  });

  it('refuses bad settings with the field named', async () => {
    await expect(client.call('settings.setProvider', { name: 'x', baseUrl: 'ftp://nope' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^baseUrl: /) });
    await expect(client.call('settings.setProvider', { name: 'custom-one' })).rejects.toMatchObject({ message: expect.stringMatching(/^baseUrl: /) });
    await expect(client.call('settings.setProvider', { name: '../x' })).rejects.toMatchObject({ message: expect.stringMatching(/^name: /) });
    await expect(client.call('settings.update', { currentProvider: 'nowhere' })).rejects.toMatchObject({ message: expect.stringMatching(/^currentProvider: /) });
    await expect(client.call('settings.update', { limits: { timeout: -1 } })).rejects.toMatchObject({ message: expect.stringMatching(/^limits\.timeout: /) });
    const view = await client.call('settings.update', { limits: { timeout: 12 }, libraryFolders: ['extra-spells'] });
    expect(view.limits).toEqual({ timeout: 12, memory: 256 });
    expect(view.libraryFolders).toEqual(['extra-spells']);
  });

  it('shows spells of a library folder added in the settings', async () => {
    const extra = path.join(project, 'extra-spells', 'added');
    mkdirSync(extra, { recursive: true });
    writeFileSync(path.join(extra, 'main.lua'), '-- added: from an extra folder\nprint(1)\n');
    expect((await client.call('library.list', {})).map((s) => s.name)).toContain('added');
  });
});
