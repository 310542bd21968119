/**
 * A JavaScript spell runs in QuickJS with the bridges only: escape attempts and resource bombs end
 * inside the VM with a clear error, and the engine process never outlives its run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { orphanedEngineProcesses } from '../helpers/processes';

const ws = tempWorkspace('llmspell-js-sandbox-');
afterAll(() => {
  ws.cleanup();
  expect(orphanedEngineProcesses()).toEqual([]);
});

async function js(code: string, ...args: string[]) {
  const file = ws.write(`spell-${Math.random().toString(36).slice(2)}.js`, code);
  const result = await runCli(['run', file, '--json', ...args]);
  const report = JSON.parse(result.stdout) as { ok: boolean; output: string; result?: unknown; error: { message: string; code: string; line?: number } | null };
  return { ...result, report };
}

describe('nothing of the host is reachable', () => {
  it('has no Node API, require, process or host import', async () => {
    const { report } = await js(`
      const names = ['process', 'require', 'module', 'exports', 'Buffer', 'global', '__host', 'std', 'os', 'WebAssembly'];
      const present = names.filter((n) => typeof globalThis[n] !== 'undefined');
      const imported = await import('fs').then(() => 'imported', (e) => e.name);
      export default { present, imported };
    `);
    expect(report.result).toEqual({ present: [], imported: 'ReferenceError' });
  });

  it('gets only the VM back from the Function constructor, however it is reached', async () => {
    const { report } = await js(`
      const viaFunction = Function('return typeof process + typeof require')();
      const viaBridge = llm.chat.constructor('return typeof process')();
      const viaAsync = await (async function () {}).constructor('return typeof require')();
      const viaEval = (0, eval)('typeof process');
      export default [viaFunction, viaBridge, viaAsync, viaEval, llm.chat.constructor === Function];
    `);
    expect(report.result).toEqual(['undefinedundefined', 'undefined', 'undefined', 'undefined', true]);
  });

  it('finds no host function or Node object walking everything reachable from globalThis', async () => {
    const { report } = await js(`
      const seen = new Set();
      const suspicious = [];
      const queue = [[globalThis, 'globalThis']];
      while (queue.length > 0) {
        const [value, path] = queue.shift();
        if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
        seen.add(value);
        if (typeof value === 'function' && /^__llmspell_host/.test(value.name)) suspicious.push(path);
        queue.push([Object.getPrototypeOf(value), path + '.__proto__']);
        for (const key of Reflect.ownKeys(value)) {
          if (['process', 'require', 'Buffer', '__host'].includes(String(key))) suspicious.push(path + '.' + String(key));
          const d = Object.getOwnPropertyDescriptor(value, key);
          for (const v of [d.value, d.get, d.set]) queue.push([v, path + '.' + String(key)]);
        }
      }
      export default { suspicious, walked: seen.size > 500 };
    `);
    expect(report.result).toEqual({ suspicious: [], walked: true });
  });

  it('keeps prototype pollution inside the VM and bridge objects frozen', async () => {
    const { report } = await js(`
      Object.prototype.polluted = 'yes';
      Array.prototype.extra = 'yes';
      const attempts = [];
      try { llm.chat = () => 'fake'; } catch (e) { attempts.push(e.name); }
      try { Object.setPrototypeOf(tools, { evil: true }); } catch (e) { attempts.push(e.name); }
      const answer = await llm.chat('still works', { temperature: 0.5 });
      export default { attempts, answer: answer.startsWith('[Mock LLM Response]'), frozen: Object.isFrozen(llm) };
    `);
    expect(report.result).toEqual({ attempts: ['TypeError', 'TypeError'], answer: true, frozen: true });
  });
});

describe('runaway spells are stopped with a clear error', () => {
  it.each([
    ['a plain loop', 'let n = 0;\nwhile (true) { n++; }'],
    ['a loop the spell tries to catch', 'for (;;) { try { while (true) {} } catch (e) { console.log("caught"); } }'],
    ['a loop after an await', 'await llm.chat("x");\nwhile (true) {}'],
    ['a loop in a timer', 'setTimeout(() => { for (;;) {} }, 1);'],
    ['a promise flood', 'function again() { Promise.resolve().then(again); }\nagain();'],
    ['a timer flood', 'function again() { setTimeout(again, 0); setTimeout(again, 0); }\nagain();'],
  ])('%s, at the time limit', async (_name, code) => {
    const started = Date.now();
    const { report, code: exit } = await js(code, '--timeout', '1');
    expect(report.error?.code).toBe('timeout');
    expect(report.error?.message).toContain('run exceeded its time limit (1 s)');
    expect(report.output).not.toContain('caught');
    expect(exit).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.each([
    ['small strings', 'const a = [];\nwhile (true) a.push("x".repeat(1000) + a.length);'],
    ['arrays', 'const a = [];\nwhile (true) a.push(new Array(10000).fill(1));'],
    ['one huge string', 'const s = "x".repeat(2 ** 29);\nconsole.log(s.length);'],
    ['pending promises', 'const a = [];\nwhile (true) a.push(new Promise(() => {}));'],
  ])('a memory bomb of %s, at the memory limit', async (_name, code) => {
    const { report } = await js(code, '--memory', '32', '--timeout', '20');
    expect(report.ok).toBe(false);
    expect(report.error?.code).toBe('memory');
  });

  it('ends deep recursion with a stack overflow, naming the line', async () => {
    const { report } = await js('const x = 1;\nfunction down(n) { return down(n + 1) + 1; }\ndown(0);');
    expect(report.error?.message).toMatch(/^spell-\w+\.js:2: stack overflow/);
    expect(report.error?.line).toBe(2);
  });

  it('ends deep async recursion too', async () => {
    const { report } = await js('async function down(n) { return (await down(n + 1)) + 1; }\nawait down(0);');
    expect(report.error?.message).toContain('stack overflow');
  });
});
