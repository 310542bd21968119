/**
 * A rejection of an async function's result that nobody handles fails the run, as in Node, like a
 * rejected `new Promise` does (async-watch.ts rewrites the spell's async functions to return watched
 * promises). Through the real CLI; the rewritten functions behave as they were written.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-async-rejections-');
afterAll(() => ws.cleanup());

interface Report {
  ok: boolean;
  output: string;
  error: { message: string; code: string; line?: number } | null;
}

let n = 0;
async function run(source: string) {
  const file = `spell${++n}.js`;
  ws.write(file, source);
  const result = await runCli(['run', file, '--json'], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') } });
  return { report: JSON.parse(result.stdout) as Report, code: result.code, file };
}

describe('an async function whose rejection nobody handles', () => {
  it('fails the run with the reason and the line of the throw, when called without await', async () => {
    const { report, code, file } = await run(
      ['async function work() {', '  await 0;', "  throw new Error('boom');", '}', 'work();', "console.log('after');", ''].join('\n'),
    );
    expect(code).toBe(1);
    expect(report.output).toBe('after\n');
    expect(report.error?.message).toBe(`${file}:3: unhandled promise rejection: boom`);
    expect(report.error?.line).toBe(3);
  });

  it('fails it too as an async arrow, an async method or a static one, thrown before any await', async () => {
    const arrow = await run(["const work = async (x) => { throw new RangeError('arrow ' + x); };", 'work(1);', ''].join('\n'));
    expect(arrow.code).toBe(1);
    expect(arrow.report.error?.message).toBe(`${arrow.file}:1: unhandled promise rejection: arrow 1`);
    const expression = await run(['const work = async (x = 2) =>', '  Promise.reject(new TypeError("expr " + x));', 'work();', ''].join('\n'));
    expect(expression.report.error?.message).toBe(`${expression.file}:2: unhandled promise rejection: expr 2`);
    const method = await run(
      ['class Job {', '  x = 1', '  async run() {', "    throw new Error('method ' + this.x);", '  }', '}', 'new Job().run();', ''].join('\n'),
    );
    expect(method.code).toBe(1);
    expect(method.report.error?.message).toBe(`${method.file}:4: unhandled promise rejection: method 1`);
    const object = await run(['const o = {', '  async go() { await null; throw new Error("object"); },', '};', 'o.go();', ''].join('\n'));
    expect(object.report.error?.message).toBe(`${object.file}:2: unhandled promise rejection: object`);
    const staticMethod = await run(['class S { static async go() { throw new Error("static"); } }', 'S.go();', ''].join('\n'));
    expect(staticMethod.report.error?.message).toBe(`${staticMethod.file}:1: unhandled promise rejection: static`);
  });

  it('does not fail it when awaited in try/catch, caught later in the same tick, or settled by allSettled', async () => {
    const { report, code } = await run(
      [
        "async function boom(what) { await 0; throw new Error(what); }",
        "try { await boom('awaited'); } catch (e) { console.log('caught', e.message); }",
        "const later = boom('later');",
        "queueMicrotask(() => later.catch((e) => console.log('caught', e.message)));",
        "const settled = await Promise.allSettled([boom('settled'), (async () => 1)()]);",
        "console.log(settled.map((s) => s.status).join(' '));",
        "await Promise.all([boom('all')]).catch((e) => console.log('caught', e.message));",
        "const chained = boom('chained').then(() => 'never');",
        "await chained.then(undefined, (e) => console.log('caught', e.message));",
        'export default async function main() {',
        "  try { return await boom('main'); } catch (e) { return e.message; }",
        '}',
        '',
      ].join('\n'),
    );
    expect(report.error).toBeNull();
    expect(code).toBe(0);
    expect(report.output).toBe(['caught awaited', 'caught later', 'rejected fulfilled', 'caught all', 'caught chained', ''].join('\n'));
  });

  it('still fails the run when main rejects, as before', async () => {
    const { report, code, file } = await run(['export default async function main() {', '  await 0;', "  throw new Error('in main');", '}', ''].join('\n'));
    expect(code).toBe(1);
    expect(report.error?.message).toBe(`${file}:3: Error: in main`);
  });

  it('keeps this, arguments, super, new.target, parameters and names as they were', async () => {
    const { report, code } = await run(
      [
        'class Base { constructor() { this.v = 5; } async get(x) { return this.v + x; } }',
        'class Twice extends Base { async get(x) { return (await super.get(x)) * 2; } }',
        'const o = { n: 2, async m(a, b = 3) { return [arguments.length, a + b + this.n]; } };',
        'async function count() { return arguments.length; }',
        'function outer() { return (async () => [this.tag, arguments[0]])(); }',
        'async function pattern({ a }, ...rest) { return a + rest.length; }',
        'console.log(await new Twice().get(1), JSON.stringify(await o.m(1)), await count(1, 2, 3));',
        "console.log(JSON.stringify(await outer.call({ tag: 't' }, 'arg')), await pattern({ a: 1 }, 2, 3));",
        'pattern().catch((e) => console.log("a bad argument rejects:", e instanceof TypeError));',
        'try { new count(); } catch (e) { console.log("construct:", e instanceof TypeError); }',
        'const named = async () => { await 0; return new Error("x").stack.split("\\n")[0].trim(); };',
        'console.log(await named(), count.name, named.name, count() instanceof Promise);',
        'const curried = async (a) => async (b) => a + b;',
        'console.log(await (await curried(1))(2));',
        '',
      ].join('\n'),
    );
    expect(report.error).toBeNull();
    expect(code).toBe(0);
    expect(report.output).toMatch(
      /^12 \[1,6\] 3\n\["t","arg"\] 3\nconstruct: true\na bad argument rejects: true\nat named \(spell\d+\.js:11:\d+\) count named true\n3\n$/,
    );
  });

  it('fails the run from an async function imported from another module of the spell folder', async () => {
    const dir = path.join(ws.dir, 'modular');
    mkdirSync(path.join(dir, 'lib'), { recursive: true });
    ws.write('modular/lib/jobs.js', 'export async function job(ok) {\n  await 0;\n  if (!ok) throw new Error("imported boom");\n  return "done";\n}\n');
    ws.write('modular/main.js', 'import { job } from "./lib/jobs.js";\nconsole.log(await job(true));\njob(false);\n');
    const result = await runCli(['run', dir], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('done\n');
    expect(result.stderr).toContain('unhandled promise rejection: imported boom');
  });
});
