/**
 * Unhandled promise rejections in JavaScript spells end the run with an error, as in Node: a rejected
 * promise that has no handler once the job queue drains. Through the real CLI, with the LLM bridge
 * answering from the local OpenAI-compatible server.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const KEY = 'sk-rejections-test';
const ws = tempWorkspace('llmspell-rejections-');
let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer({ apiKey: KEY });
  mkdirSync(path.join(ws.dir, 'home'), { recursive: true });
});
afterEach(() => {
  llm.requests.length = 0;
});
afterAll(async () => {
  await llm.close();
  ws.cleanup();
});

let n = 0;
function run(source: string) {
  const file = `spell${++n}.js`;
  ws.write(file, source);
  return runCli(['run', file], {
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model', HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') },
  });
}

describe('unhandled promise rejections in JavaScript spells', () => {
  it('a rejection at the top level that nobody handles fails the run with its reason', async () => {
    const result = await run("Promise.reject(new Error('boom'));\nconsole.log('after');\n");
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('after\n');
    expect(result.stderr).toContain('spell1.js:1: unhandled promise rejection: boom');
  });

  it('an error thrown in a then callback nobody catches is one too', async () => {
    const result = await run("Promise.resolve(1).then(() => { throw new Error('in then'); });\n");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('unhandled promise rejection: in then');
  });

  it('a rejection caught later in the same tick, awaited in try/catch, or settled by Promise.all/allSettled is not', async () => {
    const result = await run(
      [
        "const p = Promise.reject(new Error('late'));",
        "const q = new Promise((_, reject) => reject(new Error('queued')));",
        "queueMicrotask(() => { p.catch((e) => console.log('caught', e.message)); });",
        "q.then(undefined, (e) => console.log('caught', e.message));",
        "try { await Promise.reject(new Error('awaited')); } catch (e) { console.log('caught', e.message); }",
        "try { await Promise.all([Promise.reject(new Error('all')), Promise.resolve(2)]); } catch (e) { console.log('caught', e.message); }",
        "const settled = await Promise.allSettled([Promise.reject(new Error('s'))]);",
        'console.log(settled[0].status, (async () => 1)() instanceof Promise, Promise.resolve(1) instanceof Promise);',
        '',
      ].join('\n'),
    );
    expect(result.stderr.replace(/^.*(no README|no tests).*\n/gm, '')).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['caught queued', 'caught late', 'caught awaited', 'caught all', 'rejected true true', '']);
  });

  it('a failed bridge call nobody handles fails the run; a handled one does not', async () => {
    llm.enqueue({ status: 400 }, { status: 400 }, { content: 'fine' });
    const unhandled = await run("llm.chat('hello').then((text) => console.log(text));\n");
    expect(unhandled.code).not.toBe(0);
    expect(unhandled.stderr).toMatch(/unhandled promise rejection: .*400/);
    const handled = await run(
      "await llm.chat('hello').catch((e) => console.log('handled:', e.code));\nconsole.log(await llm.chat('again'));\n",
    );
    expect(handled.stderr.replace(/^.*(no README|no tests).*\n/gm, '')).toBe('');
    expect(handled.code).toBe(0);
    expect(handled.stdout).toMatch(/^handled: \S+\nfine\n$/);
    expect(llm.requests).toHaveLength(3);
  });
});
