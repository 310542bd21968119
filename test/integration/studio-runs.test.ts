import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-runs-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const spells = path.join(project, 'spells');
const started: StudioProcess[] = [];
let studio: StudioProcess;
let client: StudioTestClient;

function writeSpell(name: string, files: Record<string, string>): string {
  const dir = path.join(spells, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

async function launch(): Promise<StudioProcess> {
  const s = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
  started.push(s);
  return s;
}

const greeter = () => path.join(spells, 'greeter');

beforeAll(async () => {
  writeSpell('greeter', {
    'spell.yaml': 'name: greeter\nversion: 1.0.0\ndescription: Greets\nengine: lua\nentry: main.lua\nparameters:\n  - name: name\n    type: string\n    required: true\n  - name: times\n    type: integer\n    default: 1\n',
    'main.lua': 'for i = 1, params.times do print("Hello, " .. params.name .. " #" .. i) end\nlog.info("greeted", "times", params.times)\n',
  });
  writeSpell('ask', { 'main.lua': 'io.write("name? ")\nlocal name = io.read()\nprint("hi " .. name)\nprint("next: " .. tostring(io.read()))\n' });
  writeSpell('runaway', { 'main.lua': 'print("spinning")\nwhile true do end\n' });
  writeSpell('chatty', { 'main.lua': 'local answer = llm.chat("hello there")\nprint(answer)\n' });
  studio = await launch();
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await client.close();
  for (const s of started) {
    await s.stop();
    expect(isAlive(s.child.pid!)).toBe(false);
  }
  expect(orphanedEngineProcesses()).toEqual([]);
  ws.cleanup();
});

describe('studio runs', () => {
  it('streams a run’s events to the client: started, output, log, finished', async () => {
    const { runId } = await client.call('runs.start', { path: greeter(), params: { name: 'Ada', times: '2' } });
    const finished = await client.finished(runId);
    expect(finished).toMatchObject({ ok: true });
    const events = client.runEvents(runId);
    expect(events[0]!.type).toBe('started');
    const output = events.filter((e) => e.type === 'output').map((e) => (e.type === 'output' ? e.text : '')).join('');
    expect(output).toBe('Hello, Ada #1\nHello, Ada #2\n');
    expect(events).toContainEqual(expect.objectContaining({ type: 'log', message: 'greeted', fields: { times: 2 } }));
  });

  it('validates params against the manifest before anything runs', async () => {
    await expect(client.call('runs.start', { path: greeter(), params: {} })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^params: missing required parameter 'name'/),
    });
    await expect(client.call('runs.start', { path: greeter(), params: { name: 'x', times: 'many' } })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining("parameter 'times'"),
    });
    await expect(client.call('runs.start', { path: greeter(), params: { name: 'x', color: 'red' } })).rejects.toMatchObject({
      message: expect.stringContaining("unknown parameter 'color'"),
    });
  });

  it('answers io.read with lines sent through runs.input', async () => {
    const { runId } = await client.call('runs.start', { path: path.join(spells, 'ask'), params: {} });
    await client.until(() => client.runEvents(runId).find((e) => e.type === 'output' && e.text.includes('name?')));
    await client.call('runs.input', { runId, line: 'Grace' });
    await client.call('runs.input', { runId, line: 'second' });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    const output = client.runEvents(runId).map((e) => (e.type === 'output' ? e.text : '')).join('');
    expect(output).toBe('name? hi Grace\nnext: second\n');
    await expect(client.call('runs.input', { runId, line: 'late' })).rejects.toMatchObject({ code: 'not_running' });
  });

  it('stops a runaway spell at once', async () => {
    const { runId } = await client.call('runs.start', { path: path.join(spells, 'runaway'), params: {} });
    await client.until(() => client.runEvents(runId).find((e) => e.type === 'output'));
    const stopAt = performance.now();
    await client.call('runs.stop', { runId });
    const finished = await client.finished(runId, 5000);
    const took = performance.now() - stopAt;
    expect(finished).toMatchObject({ ok: false, error: { code: 'stopped' } });
    // Well under the 1 s grace a polite stop gets elsewhere: the busy VM is killed, not waited for.
    expect(took).toBeLessThan(900);
    const { run } = await client.call('runs.get', { runId });
    expect(run.status).toBe('stopped');
  });

  it('runs LLM calls on the saved settings (the mock here) and counts tokens', async () => {
    const { runId } = await client.call('runs.start', { path: path.join(spells, 'chatty'), params: {} });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    const { run } = await client.call('runs.get', { runId });
    expect(run.output.length).toBeGreaterThan(0);
    expect(run.tokens).toBeGreaterThan(0);
  });

  it('keeps history on disk across a restart: searchable, with each run’s events', async () => {
    const before = await client.call('runs.history', {});
    expect(before.length).toBeGreaterThanOrEqual(4);
    const greeted = (await client.call('runs.history', { path: greeter() }))[0]!;
    expect(greeted).toMatchObject({ spellName: 'greeter', status: 'ok', params: { name: 'Ada', times: 2 }, output: 'Hello, Ada #1\nHello, Ada #2\n' });
    await client.close();
    await studio.stop();

    studio = await launch();
    client = await StudioTestClient.connect(studio);
    const after = await client.call('runs.history', {});
    expect(after.map((r) => r.runId)).toEqual(before.map((r) => r.runId));
    expect((await client.call('runs.history', { text: 'grace' })).map((r) => r.spellName)).toEqual(['ask']);
    const { run, events } = await client.call('runs.get', { runId: greeted.runId });
    expect(run.durationMs).toBeGreaterThan(0);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['started', 'output', 'log', 'finished']));
    await expect(client.call('runs.get', { runId: 'no-such-run' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
