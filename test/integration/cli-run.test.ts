import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { orphanedEngineProcesses } from '../helpers/processes';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

describe('llmspell run', () => {
  it('runs a spell file and passes key=value params as strings', async () => {
    const file = ws.write('hello.lua', 'print("Hello, " .. params.name .. "!", type(params.n), params.n)\n');
    const result = await runCli(['run', file, 'name=Ada', 'n=3']);
    expect(result.stderr).not.toContain('error');
    expect(result.stdout).toBe('Hello, Ada!\tstring\t3\n');
    expect(result.code).toBe(0);
  });

  it('always provides params, empty when none are given', async () => {
    const file = ws.write('noparams.lua', 'print(type(params), next(params))\n');
    expect((await runCli(['run', file])).stdout).toBe('table\tnil\n');
  });

  it('runs a spell folder through its main.lua, errors naming folder/main.lua', async () => {
    const result = await runCli(['run', 'spells/hello', 'name=Folder']);
    expect(result.stdout).toContain('Hello, Folder!');
    expect(result.code).toBe(0);
  });

  it('reports a runtime error with file and line, after the output before it, exit 1', async () => {
    const file = ws.write('broken.lua', 'print("before")\nlocal x = nil\nprint(x.y)\n');
    const result = await runCli(['run', file]);
    expect(result.stdout).toBe('before\n');
    expect(result.stderr).toContain("broken.lua:3: attempt to index a nil value (local 'x')");
    expect(result.code).toBe(1);
  });

  it('reports a syntax error with file and line', async () => {
    const file = ws.write('syntax.lua', 'print("ok")\nlocal = 3\n');
    const result = await runCli(['run', file]);
    expect(result.stderr).toMatch(/syntax\.lua:2: .*near '='/);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  });

  it('prints one JSON object with --json', async () => {
    const file = ws.write('json.lua', 'print("a")\nprint("b")\nerror("boom")\n');
    const result = await runCli(['run', file, '--json']);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, output: 'a\nb\n', error: { message: 'json.lua:3: boom', code: 'spell_error', file: 'json.lua', line: 3 } });
    expect(typeof report.durationMs).toBe('number');
    expect(result.code).toBe(1);
  });

  it('reads lines from stdin with io.read and writes with io.write', async () => {
    const file = ws.write('ask.lua', 'io.write("name? ")\nlocal name = io.read()\nprint("hi " .. name, io.read("n"), io.read())\n');
    const result = await runCli(['run', file], { input: 'Ada\n42\n' });
    expect(result.stdout).toBe('name? hi Ada\t42\tnil\n');
    expect(result.code).toBe(0);
  });

  it('keeps print output in order across many lines', async () => {
    const file = ws.write('many.lua', 'for i = 1, 5000 do print(i) end\n');
    const result = await runCli(['run', file]);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(5000);
    expect(lines.every((line, i) => line === String(i + 1))).toBe(true);
  });
});

describe('usage errors exit 2 with what is wrong and the usage', () => {
  it.each([
    [['run'], 'which spell?'],
    [['run', 'x.lua', '--bogus'], "unknown option '--bogus'"],
    [['run', 'nothere.lua'], 'no spell at nothere.lua'],
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['run', 'spells/hello', '--timeout', 'soon'], 'limits.timeout: expected a positive number, got "soon"'],
  ])('%j', async (args, message) => {
    const result = await runCli(args);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('usage');
    expect(result.code).toBe(2);
  });

  it('refuses a parameter that is not key=value, pointing at the spell\'s parameters', async () => {
    const result = await runCli(['run', 'spells/hello', 'novalue']);
    expect(result.stderr).toContain("expected key=value, got 'novalue'");
    expect(result.stderr).toContain('llmspell info');
    expect(result.code).toBe(2);
  });

  it('prints the version and the help', async () => {
    expect((await runCli(['--version'])).stdout).toMatch(/^llmspell \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)\n$/);
    const help = await runCli(['help']);
    expect(help.stdout).toContain('run');
    expect(help.code).toBe(0);
  });
});

afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(orphanedEngineProcesses()).toEqual([]);
});
