/**
 * MCP servers in the studio, over its real WebSocket API: add a server with a secret env value (kept
 * in the secret store, never sent back), test it (tools listed), use it from a run, remove it; a
 * server from the configuration file is listed but cannot be removed here. No server outlives the studio.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempWorkspace } from '../helpers/cli';
import { isAlive } from '../helpers/processes';
import { closeStudio, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const SECRET = 'mcp-secret-value-0123456789';
const ws = tempWorkspace('llmspell-studio-mcp-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spell = path.join(project, 'spells', 'uses-mcp');
const pidFile = path.join(ws.dir, 'configured.pids');
let studio: StudioProcess;
let client: StudioTestClient;

beforeAll(async () => {
  mkdirSync(spell, { recursive: true });
  // get-env shows the server's environment: the secret must reach the server (and only the server).
  writeFileSync(path.join(spell, 'main.lua'), 'local env = tools.execute("added.get-env", {})\nprint(env:find("mcp%-secret%-value") ~= nil)\nprint(tools.execute("configured.echo", { message = "hi" }))\n');
  // The shell records the server's pid, then becomes the server (exec keeps the pid).
  const configured = `echo $$ >> '${pidFile}'; exec '${process.execPath}' '${EVERYTHING}' stdio`;
  writeFileSync(path.join(project, 'llmspell.yaml'), `mcp:\n  servers:\n    configured:\n      command: sh\n      args: ["-c", ${JSON.stringify(configured)}]\n`);
  studio = await startStudio({ home, cwd: project });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await closeStudio(studio, client);
  // The MCP server the run started is gone with the studio.
  const servers = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
  expect(servers.length).toBe(1);
  expect(isAlive(servers[0]!)).toBe(false);
  ws.cleanup();
});

describe('MCP servers in the studio', () => {
  it('adds, tests, uses and removes a server; secrets stay in the host', async () => {
    let servers = await client.call('mcp.list', {});
    expect(servers).toEqual([{ name: 'configured', origin: 'config', kind: 'stdio', target: expect.stringMatching(/^sh -c echo/), secretNames: [], state: 'idle' }]);

    servers = await client.call('mcp.save', { name: 'added', command: process.execPath, args: [EVERYTHING, 'stdio'], env: { API_TOKEN: SECRET } });
    expect(servers.map((s) => [s.name, s.origin, s.secretNames])).toEqual([
      ['added', 'studio', ['API_TOKEN']],
      ['configured', 'config', []],
    ]);
    expect(JSON.stringify(servers)).not.toContain(SECRET);
    expect(readFileSync(path.join(home, 'studio-settings.json'), 'utf8')).not.toContain(SECRET);
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).toContain(SECRET);

    const tested = await client.call('mcp.test', { name: 'added' });
    expect(tested.state).toBe('ready');
    expect(tested.tools?.map((t) => t.name)).toContain('added.get-sum');

    const { runId } = await client.call('runs.start', { path: spell, params: {} });
    const finished = await client.finished(runId, 30_000);
    expect(finished).toMatchObject({ ok: true });
    const output = client.runEvents(runId).flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
    expect(output).toBe('true\nEcho: hi\n');
    // The provider list is untouched by the MCP secret sharing the store.
    expect((await client.call('settings.get', {})).providers.map((p) => p.name)).not.toContain('mcp:added.API_TOKEN');

    await expect(client.call('mcp.remove', { name: 'configured' })).rejects.toMatchObject({ message: expect.stringMatching(/defined in the configuration files/) });
    await expect(client.call('mcp.save', { name: 'bad', command: 'x', url: 'http://localhost:1/mcp' })).rejects.toMatchObject({ code: 'bad_input' });
    servers = await client.call('mcp.remove', { name: 'added' });
    expect(servers.map((s) => s.name)).toEqual(['configured']);
    expect(readFileSync(path.join(home, 'secrets.json'), 'utf8')).not.toContain(SECRET);
  }, 60_000);
});
