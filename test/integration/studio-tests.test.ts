/**
 * The studio's test explorer and run replay over the real `llmspell studio` server: tests listed and
 * run with `llmspell test`'s runner (all, one case, record cassettes, stop), results streamed as
 * `tests` events, and a run replayed from its kept cassette with no request to the LLM server.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRunEvent } from '../../runtime/contract/spell-tests';
import { tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-tests-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
let llm: LlmServer;
let studio: StudioProcess;
let client: StudioTestClient;

function writeSpell(name: string, files: Record<string, string>): string {
  const dir = path.join(project, 'spells', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const MANIFEST = (name: string) => `name: ${name}\nversion: 0.1.0\ndescription: ${name}\nengine: lua\nentry: main.lua\nparameters: [{ name: name, type: string, default: World }]\n`;
const GREETER = writeSpell('greeter', {
  'spell.yaml': MANIFEST('greeter'),
  'main.lua': 'local answer = llm.chat("Say hi to " .. params.name)\nprint("Hello, " .. params.name .. "!")\nprint(answer)\n',
  'tests/a.test.lua': 'test("greets", function()\n  expect(run_spell({ name = "Ada" })).to_contain("Hello, Ada!")\nend)\n\ntest("fails", function()\n  local out = run_spell({ name = "Bob" })\n  expect(out).to_contain("Goodbye")\nend)\n',
  'tests/b.test.js': 'test("js greets", async () => {\n  const r = await runSpell({ name: "Ada" });\n  expect(r.output).toContain("Hello, Ada!");\n});\n',
});
// Passes only with the LLM server's own answer (the mock says something else): a cassette must hold it.
const ECHO = writeSpell('echo', {
  'spell.yaml': MANIFEST('echo'),
  'main.lua': 'print(llm.chat("Say hi to " .. params.name))\n',
  'tests/echo.test.lua': 'test("the model echoes", function()\n  expect(run_spell({ name = "Ada" })).to_contain("echo: Say hi to Ada")\nend)\n',
});
const ASKER = writeSpell('asker', {
  'spell.yaml': 'name: asker\nversion: 0.1.0\ndescription: asker\nengine: lua\nentry: main.lua\n',
  'main.lua': 'io.write("name? ")\nlocal who = io.read()\nprint("hi " .. who)\nprint(llm.chat("tell me about " .. who))\nprint("next: " .. tostring(io.read()))\n',
});
const SPIN = writeSpell('spin', {
  'spell.yaml': MANIFEST('spin'),
  'main.lua': 'print("spinning")\nwhile true do end\n',
  'tests/spin.test.lua': 'test("never ends", function()\n  run_spell({})\nend)\n',
});

/** The `tests` events of one test run, from every message the client received. */
function testEvents(testRunId: string): TestRunEvent[] {
  return client.raw
    .map((text) => JSON.parse(text) as { event?: string; data?: { testRunId: string; event: TestRunEvent } })
    .filter((m) => m.event === 'tests' && m.data?.testRunId === testRunId)
    .map((m) => m.data!.event);
}

function done(testRunId: string, timeoutMs = 60_000): Promise<Extract<TestRunEvent, { type: 'done' }>> {
  return client.until(() => testEvents(testRunId).find((e) => e.type === 'done'), timeoutMs) as Promise<Extract<TestRunEvent, { type: 'done' }>>;
}

const results = (testRunId: string) => testEvents(testRunId).flatMap((e) => (e.type === 'result' ? [e.result] : []));

beforeAll(async () => {
  llm = await startLlmServer({ models: ['test-model'] });
  studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model' } });
  client = await StudioTestClient.connect(studio);
}, 30_000);

afterAll(async () => {
  await client?.close();
  if (studio) {
    await studio.stop();
    expect(isAlive(studio.child.pid!)).toBe(false);
  }
  await llm?.close();
  expect(orphanedEngineProcesses()).toEqual([]);
  ws.cleanup();
}, 30_000);

describe('tests in the studio', () => {
  it('lists test files and the cases they declare, with their lines', async () => {
    expect(await client.call('tests.list', { path: GREETER })).toEqual([
      { file: 'tests/a.test.lua', cases: [{ name: 'greets', line: 1 }, { name: 'fails', line: 5 }], cassette: false },
      { file: 'tests/b.test.js', cases: [{ name: 'js greets', line: 1 }], cassette: false },
    ]);
  });

  it('runs every test with the CLI runner, streaming results; a failure carries its assertion and line', async () => {
    const { testRunId } = await client.call('tests.run', { path: GREETER });
    const end = await done(testRunId);
    expect(end).toEqual({ type: 'done', passed: 2, failed: 1, stopped: false });
    const events = testEvents(testRunId);
    // each file is announced before its results, and results come as cases finish, not at the end
    expect(events.map((e) => (e.type === 'result' ? e.result.name : e.type))).toEqual(['file', 'greets', 'fails', 'file', 'js greets', 'done']);
    const failed = results(testRunId).find((r) => !r.ok)!;
    expect(failed).toMatchObject({ file: 'tests/a.test.lua', name: 'fails', line: 7 });
    expect(failed.error).toContain('to contain "Goodbye"');
    for (const r of results(testRunId)) expect(r.durationMs).toBeGreaterThan(0);
  }, 90_000);

  it('runs one case alone', async () => {
    const { testRunId } = await client.call('tests.run', { path: GREETER, file: 'tests/a.test.lua', name: 'greets' });
    expect(await done(testRunId)).toMatchObject({ passed: 1, failed: 0 });
    expect(results(testRunId).map((r) => r.name)).toEqual(['greets']);
  }, 60_000);

  it('says so when the named case does not exist, and refuses a file the spell does not have', async () => {
    const { testRunId } = await client.call('tests.run', { path: GREETER, file: 'tests/a.test.lua', name: 'nope' });
    await done(testRunId);
    expect(results(testRunId)).toEqual([expect.objectContaining({ name: 'nope', ok: false, error: 'no test named "nope" ran in tests/a.test.lua' })]);
    await expect(client.call('tests.run', { path: GREETER, file: 'tests/zzz.test.lua' })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('file: no test file tests/zzz.test.lua') });
  }, 60_000);

  it('stops a test run at once, and no engine process is left', async () => {
    const { testRunId } = await client.call('tests.run', { path: SPIN });
    await client.until(() => testEvents(testRunId).find((e) => e.type === 'file'));
    // a page that reloads now finds the run, with its events so far
    expect(await client.call('tests.active', { path: SPIN })).toEqual([{ testRunId, record: false, events: [{ type: 'file', file: 'tests/spin.test.lua' }] }]);
    await new Promise((r) => setTimeout(r, 500));
    const asked = Date.now();
    await client.call('tests.stop', { testRunId });
    expect(await done(testRunId, 10_000)).toMatchObject({ stopped: true });
    expect(Date.now() - asked).toBeLessThan(5000);
    expect(results(testRunId)).toEqual([]);
    expect(await client.call('tests.active', { path: SPIN })).toEqual([]);
  }, 30_000);
});

describe('replaying a run from its cassette', () => {
  it('keeps a run’s LLM exchanges and replays them offline with the same parameters and output', async () => {
    const { runId } = await client.call('runs.start', { path: GREETER, params: { name: 'Grace' } });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    const original = (await client.call('runs.get', { runId })).run;
    expect(original.output).toContain('echo: Say hi to Grace');
    // the record is completed just after the `finished` event (once the cassette is on disk)
    let listed = original;
    for (let i = 0; i < 50 && listed.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      listed = (await client.call('runs.get', { runId })).run;
    }
    expect(listed.cassette).toEqual({ exchanges: 1 });
    const requests = llm.requests.length;
    const { runId: replayId } = await client.call('runs.replay', { runId });
    expect(await client.finished(replayId)).toMatchObject({ ok: true });
    const replay = (await client.call('runs.get', { runId: replayId })).run;
    expect(replay).toMatchObject({ replayOf: runId, params: original.params, output: original.output });
    expect(llm.requests.length).toBe(requests); // answered from the cassette: nothing reached the server
  }, 60_000);

  it('replays the lines a run read from its input, then the end of input', async () => {
    const { runId } = await client.call('runs.start', { path: ASKER, params: {} });
    await client.until(() => client.runEvents(runId).find((e) => e.type === 'input-wait' && e.waiting));
    await client.call('runs.input', { runId, line: 'Ada' });
    await client.until(() => client.runEvents(runId).filter((e) => e.type === 'input-wait' && e.waiting).length === 2);
    await client.call('runs.input', { runId, line: 'Bob' });
    expect(await client.finished(runId)).toMatchObject({ ok: true });
    let original = (await client.call('runs.get', { runId })).run;
    for (let i = 0; i < 50 && original.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      original = (await client.call('runs.get', { runId })).run;
    }
    expect(original).toMatchObject({ input: ['Ada', 'Bob'], cassette: { exchanges: 1 } });
    expect(original.output).toBe('name? hi Ada\necho: tell me about Ada\nnext: Bob\n');
    const requests = llm.requests.length;
    const { runId: replayId } = await client.call('runs.replay', { runId });
    expect(await client.finished(replayId)).toMatchObject({ ok: true });
    expect((await client.call('runs.get', { runId: replayId })).run.output).toBe(original.output);
    expect(llm.requests.length).toBe(requests);
  }, 60_000);

  it('refuses to replay a run that kept no cassette', async () => {
    await expect(client.call('runs.replay', { runId: 'no-such-run' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('recording cassettes', () => {
  it('records with the configured provider; the tests then pass with the LLM server gone', async () => {
    const before = await client.call('tests.run', { path: ECHO });
    expect(await done(before.testRunId)).toMatchObject({ passed: 0, failed: 1 }); // the mock does not echo
    const recording = await client.call('tests.run', { path: ECHO, record: true });
    expect(await done(recording.testRunId)).toMatchObject({ passed: 1, failed: 0 });
    expect(existsSync(path.join(ECHO, 'tests', 'echo.cassette.json'))).toBe(true);
    expect((await client.call('tests.list', { path: ECHO }))[0]!.cassette).toBe(true);
    await llm.close();
    const after = await client.call('tests.run', { path: ECHO });
    expect(await done(after.testRunId)).toMatchObject({ passed: 1, failed: 0 });
  }, 90_000);
});
