/**
 * JavaScript spells end to end through the real CLI: main's return value as the run's result, errors
 * with file and line, SpellError codes, console streams, timers, and fetch through the network policy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';

const ws = tempWorkspace('llmspell-js-spells-');
let web: TestHttpServer;
beforeAll(async () => {
  web = await startHttpServer();
  ws.write('llmspell.yaml', 'network:\n  allow_hosts: ["127.0.0.1"]\n');
});
afterAll(async () => {
  await web.close();
  ws.cleanup();
});

interface Report {
  ok: boolean;
  output: string;
  result?: unknown;
  error: { message: string; code: string; file?: string; line?: number } | null;
}

async function js(code: string, args: string[] = []) {
  const file = ws.write(`spell-${Math.random().toString(36).slice(2)}.js`, code.replaceAll('{{WEB}}', web.url));
  const result = await runCli(['run', file, '--json', ...args], { cwd: ws.dir, env: { LLMSPELL_HOME: ws.dir } });
  return { report: JSON.parse(result.stdout) as Report, code: result.code, name: path.basename(file) };
}

describe('the result of a JavaScript spell', () => {
  it('is what main returns, given the params', async () => {
    const { report } = await js('export default async function main(params) {\n  return { greeting: "hi " + params.name, n: [1, 2] };\n}', ['name=Ann']);
    expect(report).toMatchObject({ ok: true, result: { greeting: 'hi Ann', n: [1, 2] } });
  });

  it('may come from top-level await and a default export value', async () => {
    const { report } = await js('const x = await Promise.resolve(2);\nexport default x * 21;');
    expect(report.result).toBe(42);
  });

  it('is absent when the spell exports nothing', async () => {
    const { report } = await js('console.log("just output");');
    expect(report).toMatchObject({ ok: true, output: 'just output\n' });
    expect('result' in report).toBe(false);
  });

  it('must be JSON', async () => {
    const { report } = await js('const a = {};\na.self = a;\nexport default () => a;');
    expect(report.error?.message).toContain('the value main() returned is not JSON');
  });
});

describe('errors of a JavaScript spell', () => {
  it('carry the file and line, in a spell folder too', async () => {
    const dir = path.join(ws.dir, 'hello');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.js'), 'export default async function main() {\n  await llm.chat("x");\n  throw new RangeError("late");\n}\n');
    const result = await runCli(['run', dir, '--json'], { cwd: ws.dir, env: { LLMSPELL_HOME: ws.dir } });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.error).toEqual({ message: 'hello/main.js:3: RangeError: late', code: 'spell_error', file: 'hello/main.js', line: 3 });
    expect(result.code).toBe(1);
  });

  it('name the line of a syntax error', async () => {
    const { report, name } = await js('const a = 1;\nconst b = ;\n');
    expect(report.error?.message).toBe(`${name}:2: SyntaxError: unexpected token in expression: ';'`);
  });

  it('are SpellErrors with a code when a bridge call fails, located where the spell called', async () => {
    const { report, name } = await js(`
      const bad = await llm.chat(42).catch((e) => [e.name, e.code, e instanceof SpellError, e.message]);
      const blocked = await http.get('http://10.255.255.1/').catch((e) => e.code);
      const unknown = await tools.get('nope').catch((e) => e.code);
      const sync = (() => { try { json.encode(() => 1); } catch (e) { return e.code; } })();
      console.log(JSON.stringify({ bad, blocked, unknown, sync }));
      await storage.read(7);
    `);
    expect(JSON.parse(report.output)).toEqual({
      bad: ['SpellError', 'bad_argument', true, 'llm.chat: prompt must be a string, got number'],
      blocked: 'http_error',
      unknown: 'unknown_tool',
      sync: 'json_error',
    });
    expect(report.error?.message).toBe(`${name}:7: SpellError: storage.read: path must be a string, got number`);
  });
});

describe('the JavaScript runtime', () => {
  it('writes console.log to stdout and console.error to stderr', async () => {
    const file = ws.write('streams.js', 'console.log("out", 1, { a: true });\nconsole.error("err", [1]);');
    const result = await runCli(['run', file], { cwd: ws.dir, env: { LLMSPELL_HOME: ws.dir } });
    expect(result.stdout).toBe('out 1 {"a":true}\n');
    expect(result.stderr).toBe('err [1]\n');
  });

  it('runs timers in order of due time and honours clearTimeout', async () => {
    const { report } = await js(`
      const seen = [];
      // Due times are 190 ms apart: under a loaded machine's pauses between two statements, the
      // order by due time is still this one.
      setTimeout(() => seen.push('late'), 200);
      setTimeout((x) => seen.push(x), 10, 'early');
      clearTimeout(setTimeout(() => seen.push('cleared'), 5));
      await new Promise((resolve) => setTimeout(resolve, 260));
      export default seen;
    `);
    expect(report.result).toEqual(['early', 'late']);
  });

  it('fetches through the network policy', async () => {
    const { report } = await js(`
      const hello = await fetch('{{WEB}}/hello');
      const echo = await fetch('{{WEB}}/echo', { method: 'post', headers: { 'X-One': '1' }, body: JSON.stringify({ a: 1 }) });
      const sent = await echo.json();
      const missing = await fetch('{{WEB}}/nothing-here');
      const blocked = await fetch('http://10.255.255.1/').catch((e) => e.name + ': ' + e.message.slice(0, 13));
      export default {
        hello: [hello.status, hello.ok, hello.headers.get('X-Test'), hello.headers.get('nope'), await hello.text()],
        echo: [sent.method, sent.headers['x-one'], sent.body],
        missing: [missing.status, missing.ok],
        blocked,
      };
    `);
    expect(report.result).toEqual({
      hello: [200, true, 'yes', null, 'hello world'],
      echo: ['POST', '1', '{"a":1}'],
      missing: [404, false],
      blocked: 'TypeError: fetch failed:',
    });
  });
});
