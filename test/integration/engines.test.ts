/**
 * One table of behaviours, run against every engine through the real CLI: each case has a Lua, a
 * JavaScript and a Tengo spell that must print the same thing. LLM calls go to the local
 * OpenAI-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';
import { ENGINE_CASES, TENGO_IMPORTS } from './engine-cases';

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
async function runSpell(engine: 'lua' | 'js' | 'tengo', source: string, args: string[] = [], input?: string) {
  const name = `spell-${Math.random().toString(36).slice(2)}.${engine}`;
  const file = ws.write(name, source.replaceAll('{{WEB}}', web.url));
  const result = await runCli(['run', file, ...args], {
    ...(input !== undefined ? { input } : {}),
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model', LLMSPELL_HOME: ws.dir, HOME: ws.dir },
  });
  return { ...result, name };
}

/** The case's source in `engine`, or undefined when the language has no such case. */
function sourceOf(c: (typeof ENGINE_CASES)[number], engine: 'lua' | 'js' | 'tengo'): string | undefined {
  if (engine !== 'tengo') return c[engine];
  return typeof c.tengo === 'string' ? `${TENGO_IMPORTS}\n${c.tengo}` : undefined;
}

describe.each(['lua', 'js', 'tengo'] as const)('the %s engine', (engine) => {
  for (const c of ENGINE_CASES) {
    const source = sourceOf(c, engine);
    // Skipped cases say why in the table (typeof c.tengo === 'object').
    it.skipIf(source === undefined)(c.name, async () => {
      llm.requests.length = 0;
      c.before?.(llm);
      const result = await runSpell(engine, source!, c.args, c.input);
      const spellName = result.name.replace(/\.\w+$/, '');
      expect(result.stderr).toBe(c.stderr?.(spellName) ?? '');
      expect(result.stdout).toBe(c.expected);
      expect(result.code).toBe(0);
      c.check?.(llm);
    });
  }
});
