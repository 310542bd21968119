/**
 * One table of behaviours, run against both engines through the real CLI: each case has a Lua and a
 * JavaScript spell that must print the same thing. LLM calls go to the local OpenAI-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';
import { ENGINE_CASES } from './engine-cases';

const KEY = 'sk-engines-test';
const ws = tempWorkspace('llmspell-engines-');
let llm: LlmServer;
let web: TestHttpServer;

beforeAll(async () => {
  llm = await startLlmServer({ apiKey: KEY });
  web = await startHttpServer();
  ws.write('llmspell.yaml', `network:\n  allow_hosts: ["127.0.0.1"]\n`);
});
afterAll(async () => {
  await llm.close();
  await web.close();
  ws.cleanup();
});

/** Runs a spell of either engine with the local servers; `{{WEB}}` in the source is the http server's URL. */
async function runSpell(engine: 'lua' | 'js', source: string, args: string[] = [], input?: string) {
  const name = `spell-${Math.random().toString(36).slice(2)}.${engine}`;
  const file = ws.write(name, source.replaceAll('{{WEB}}', web.url));
  const result = await runCli(['run', file, ...args], {
    ...(input !== undefined ? { input } : {}),
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model', LLMSPELL_HOME: ws.dir, HOME: ws.dir },
  });
  return { ...result, name };
}

describe.each(['lua', 'js'] as const)('the %s engine', (engine) => {
  for (const c of ENGINE_CASES) {
    it(c.name, async () => {
      llm.requests.length = 0;
      c.before?.(llm);
      const result = await runSpell(engine, engine === 'lua' ? c.lua : c.js, c.args, c.input);
      const spellName = result.name.replace(/\.\w+$/, '');
      expect(result.stderr).toBe(c.stderr?.(spellName) ?? '');
      expect(result.stdout).toBe(c.expected);
      expect(result.code).toBe(0);
      c.check?.(llm);
    });
  }
});
