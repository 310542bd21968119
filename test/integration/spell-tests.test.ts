import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const ws = tempWorkspace();
let server: LlmServer;
const env = () => ({ HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') });

function spellWithTests(name: string, main: string, tests: Record<string, string>): string {
  const dir = path.join(ws.dir, name);
  mkdirSync(path.join(dir, 'tests'), { recursive: true });
  ws.write(`${name}/spell.yaml`, `name: ${name}\nversion: 1.0.0\ndescription: test spell\npermissions:\n  llm: true\nparameters:\n  - name: who\n    type: string\n    default: world\n`);
  ws.write(`${name}/main.lua`, main);
  for (const [file, code] of Object.entries(tests)) ws.write(`${name}/tests/${file}`, code);
  return dir;
}

beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
});

describe('llmspell test', () => {
  it('runs named cases and whole files, reports TAP, exits 1 on a failure', async () => {
    const dir = spellWithTests('greet', 'print("Hello, " .. params.who .. "!")\nprint(llm.chat("hi " .. params.who))\n', {
      'a.test.lua': `
        test("greets by name", function()
          local out = run_spell({ who = "Ada" })
          expect(out).to_contain("Hello, Ada!")
          expect(out).to_match("Mock LLM Response")
        end)
        test("a failing case", function() expect(run_spell({})).to_contain("Bob") end)
        test("tables and schemas", function()
          expect({ 1, { a = 2 } }).to_equal({ 1, { a = 2 } })
          expect({ n = 1 }).to_match_schema({ type = "object", properties = { n = { type = "integer" } } })
        end)`,
      'b.test.lua': 'expect(run_spell({ who = "Bo" })).to_contain("Bo")\n',
    });
    const result = await runCli(['test', dir], { env: env() });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('TAP version 13');
    expect(result.stdout).toContain('ok 1 - greet: greets by name');
    expect(result.stdout).toContain('not ok 2 - greet: a failing case');
    expect(result.stdout).toContain('tests/a.test.lua:7: expected "Hello, world!\\n');
    expect(result.stdout).toContain('ok 3 - greet: tables and schemas');
    expect(result.stdout).toContain('ok 4 - greet: tests/b.test.lua');
    expect(result.stdout).toContain('1..4\n# 3 passed, 1 failed');
    expect(result.code).toBe(1);
  });

  it('runs JavaScript tests (tests/*.test.js) with the same library', async () => {
    const dir = spellWithTests('js-tested', 'print("Hello, " .. params.who .. "!")\nprint(io.read())\n', {
      'j.test.js': [
        'await test("greets", async () => {',
        '  const { output, error } = await runSpell({ who: "Ada" }, ["typed line"]);',
        '  expect(error).toBeNull();',
        '  expect(output).toContain("Hello, Ada!");',
        '  expect(output).toMatch(/typed line/);',
        '  await expect({ n: 1 }).toMatchSchema({ type: "object", required: ["n"] });',
        '});',
        'await test("fails with a line", async () => {',
        '  expect((await runSpell({})).output).toContain("Bob");',
        '});',
      ].join('\n'),
    });
    const result = await runCli(['test', dir], { env: env() });
    expect(result.stdout).toContain('ok 1 - js-tested: greets');
    expect(result.stdout).toContain('not ok 2 - js-tested: fails with a line');
    expect(result.stdout).toContain('tests/j.test.js:9: expected "Hello, world!');
    expect(result.code).toBe(1);
  });

  it('runs Tengo tests (tests/*.test.tengo) of a Tengo spell with the same library, as an import', async () => {
    const dir = spellWithTests('tengo-tested', '', {
      't.test.tengo': [
        'testing := import("testing")',
        'testing.test("greets", func() {',
        '  r := testing.run_spell({who: "Ada"}, ["typed line"])',
        '  testing.expect(r.err).to_be_undefined()',
        '  testing.expect(r.output).to_contain("Hello, Ada!").to_match(`typed line`)',
        '  testing.expect({n: 1}).to_match_schema({type: "object", required: ["n"]})',
        '  testing.expect([1, {a: 2}]).to_equal([1, {a: 2}])',
        '})',
        'testing.test("fails with a place", func() {',
        '  testing.expect(testing.run_spell({}).output).to_contain("Bob")',
        '})',
        'testing.test("sees a failed run", func() {',
        '  testing.expect(testing.run_spell({who: ""}).err).to_contain("main.tengo:4:28")',
        '})',
      ].join('\n'),
    });
    ws.write('tengo-tested/spell.yaml', 'name: tengo-tested\nversion: 1.0.0\ndescription: test spell\nengine: tengo\nentry: main.tengo\nparameters:\n  - name: who\n    type: string\n    default: world\n');
    ws.write('tengo-tested/main.tengo', 'fmt := import("fmt")\nio := import("io")\nparams := import("params")\nif params.who == "" { x := 1 + "a" }\nfmt.println("Hello, " + params.who + "!")\nfmt.println(io.read())\n');
    const result = await runCli(['test', dir], { env: env() });
    expect(result.stdout).toContain('\nok 1 - tengo-tested: greets');
    expect(result.stdout).toContain('not ok 2 - tengo-tested: fails with a place');
    expect(result.stdout).toContain('Runtime Error: expected "Hello, world!\\n\\n" to contain "Bob"\n    \tat tests/t.test.tengo:10:3');
    expect(result.stdout).toContain('\nok 3 - tengo-tested: sees a failed run');
    expect(result.stdout).toContain('1..3\n# 2 passed, 1 failed');
    expect(result.code).toBe(1);
  });

  it('a Tengo case that fails inside a stream callback leaves the next call its own answer', async () => {
    const dir = spellWithTests('tengo-stream', '', {
      's.test.tengo': [
        'testing := import("testing")',
        'llm := import("llm")',
        'testing.test("fails in a callback", func() {',
        '  llm.stream_chat("one two three four five six", func(c) { testing.expect(c).to_equal("nope") })',
        '})',
        'testing.test("next call", func() { testing.expect(llm.chat("second")).to_contain("second") })',
      ].join('\n'),
    });
    ws.write('tengo-stream/main.tengo', 'fmt := import("fmt")\nfmt.println("hi")\n');
    const result = await runCli(['test', dir], { env: env() });
    expect(result.stdout).toContain('not ok 1 - tengo-stream: fails in a callback');
    expect(result.stdout).toContain('\nok 2 - tengo-stream: next call');
  });

  it('prints JSON with --json and exits 0 when all pass', async () => {
    const dir = spellWithTests('ok-spell', 'print("fine")\n', { 'ok.test.lua': 'test("fine", function() expect(run_spell()).to_equal("fine\\n") end)\n' });
    const result = await runCli(['test', dir, '--json'], { env: env() });
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, passed: 1, failed: 0, results: [{ spell: 'ok-spell', name: 'fine', ok: true }] });
    expect(result.code).toBe(0);
  });

  it('records a cassette with the real provider, then replays it offline, failing loudly on a new request', async () => {
    const dir = spellWithTests('cassette-spell', 'print(llm.chat("tell me about " .. params.who))\n', {
      'c.test.lua': 'test("answers", function() expect(run_spell({ who = "Ada" })).to_contain("Ada") end)\n',
    });
    const online = { ...env(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url, MOCK_LLM: '' };
    const recorded = await runCli(['test', dir, '--record'], { env: online });
    expect(recorded.code).toBe(0);
    const cassette = path.join(dir, 'tests', 'c.cassette.json');
    expect(existsSync(cassette)).toBe(true);
    expect(readFileSync(cassette, 'utf8')).toContain('echo: tell me about Ada');

    // Replay: no key, no server needed; the recorded answer comes back byte for byte.
    const before = server.requests.length;
    const replayed = await runCli(['test', dir, '--json'], { env: env() });
    expect(JSON.parse(replayed.stdout).ok).toBe(true);
    expect(server.requests.length).toBe(before);

    ws.write('cassette-spell/tests/c.test.lua', 'test("new question", function() expect(run_spell({ who = "Bob" })).to_contain("Bob") end)\n');
    const missed = await runCli(['test', dir], { env: env() });
    expect(missed.stdout).toContain('had no recorded answer for 1 request(s): chat request ending "tell me about Bob"');
    expect(missed.code).toBe(1);
  });

  it('replays a cassette in llmspell run --replay and records with --record', async () => {
    const file = ws.write('rec.lua', 'print(llm.chat("cassette please"))\n');
    const cassette = path.join(ws.dir, 'rec.cassette.json');
    const online = { ...env(), OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url, MOCK_LLM: '' };
    expect((await runCli(['run', file, '--record', cassette], { env: online })).stdout).toBe('echo: cassette please\n');
    expect((await runCli(['run', file, '--replay', cassette], { env: env() })).stdout).toBe('echo: cassette please\n');
    const bad = await runCli(['run', file, '--replay', path.join(ws.dir, 'nope.json')], { env: env() });
    expect(bad.stderr).toContain('does not exist');
    expect(bad.code).toBe(2);
  });

  it('says clearly when there are no tests', async () => {
    const result = await runCli(['test', ws.dir + '/nothing-here'], { env: env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no spell or folder');
  });
  it('runs one case by --name (in one file, or in every file), and says so when none has it', async () => {
    const dir = spellWithTests('named', 'print("Hello, " .. params.who .. "!")\n', {
      'a.test.lua': 'test("first", function() expect(run_spell({})).to_contain("Hello") end)\ntest("second", function() expect(1).to_equal(2) end)\n',
      'b.test.lua': 'test("first", function() expect(run_spell({ who = "Bo" })).to_contain("Bo") end)\n',
    });
    const every = JSON.parse((await runCli(['test', dir, '--name', 'first', '--json'], { env: env() })).stdout);
    expect(every.results.map((r: { file: string; name: string }) => `${r.file} ${r.name}`)).toEqual(['tests/a.test.lua first', 'tests/b.test.lua first']);
    const one = JSON.parse((await runCli(['test', path.join(dir, 'tests', 'a.test.lua'), '--name', 'second', '--json'], { env: env() })).stdout);
    expect(one.results).toEqual([expect.objectContaining({ name: 'second', ok: false, line: 2 })]);
    const none = await runCli(['test', dir, '--name', 'third', '--json'], { env: env() });
    expect(JSON.parse(none.stdout).results).toEqual([expect.objectContaining({ name: 'third', ok: false, error: 'no test named "third" ran' })]);
    expect(none.code).toBe(1);
  });
});
