/**
 * go-llmspell compatibility: spells written the way go-llmspell's examples are (spell.yaml with its
 * own keys and no permissions section, `if err then` after calls that return nothing on success,
 * callback ids and a busy-wait on async.process_callbacks) run through the real CLI against the local
 * OpenAI-compatible server. Every spell prints each call's return values with their count and types,
 * so each assertion checks exactly what came back (nil vs nothing vs false matters).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const SPELLS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'spells');
const KEY = 'sk-compat-test';
const ws = tempWorkspace('llmspell-compat-');
let llm: LlmServer;
let web: TestHttpServer;

beforeAll(async () => {
  llm = await startLlmServer({ apiKey: KEY });
  web = await startHttpServer();
  // The user's policy: the local test servers are reachable. No spell below declares permissions.
  mkdirSync(path.join(ws.dir, 'home'), { recursive: true });
  ws.write('home/config.yaml', 'network:\n  allow_private: true\n');
});
afterEach(() => {
  llm.setLatency(0);
  llm.requests.length = 0;
});
afterAll(async () => {
  await llm.close();
  await web.close();
  ws.cleanup();
});

function run(spell: string, args: string[] = []) {
  return runCli(['run', path.join(SPELLS, spell), ...args], {
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model', HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') },
  });
}

/** The spell's lines, after checking it exited cleanly. */
async function lines(spell: string, args: string[] = []): Promise<string[]> {
  const result = await run(spell, args);
  expect(result.stderr.replace(/^.*(no README|no tests).*\n/gm, '')).toBe('');
  expect(result.code).toBe(0);
  return result.stdout.split('\n');
}

describe('go-llmspell spells run unchanged', () => {
  it('llm.stream_chat and stream_chat_with_history return nothing on success, the error string otherwise', async () => {
    llm.enqueue({ content: 'alpha beta gamma' }, { status: 400 }, { content: 'from history' }, { content: 'one two three four five six' });
    expect(await lines('llm-stream')).toEqual([
      'Streaming about lua',
      'stream_chat ok -> 0',
      'chunks: alpha beta gamma',
      'stream_chat failed -> 2 "string" "openai: HTTP 400"',
      'stream_chat_with_history ok -> 0',
      'history chunks: from history',
      'stream_chat stopped -> 1 "callback error: enough"',
      'chunks seen before stopping: 2',
      '',
    ]);
  });

  it('chat_async / complete_async return callback ids; a busy-wait on process_callbacks ends', async () => {
    // Answers take a while, so the callbacks are due only once the spell is already polling.
    llm.setLatency(150);
    llm.enqueue({ content: 'four' }, { content: 'Paris' }, { content: '42' }, { status: 400 }, { content: 'promised' });
    expect(await lines('async-callbacks')).toEqual([
      'chat_async id -> 1 integer:1',
      'complete_async id -> 1 integer:3',
      'Callback IDs: 1, 2, 3',
      'pending_count -> 1 integer:3',
      'processed 3 callbacks',
      '  [1] four',
      '  [2] Paris',
      '  [3] 42',
      'pending_count after -> 1 integer:0',
      'process_callbacks with nothing due -> 1 integer:0',
      'errcb got -> 2 "string" "openai: HTTP 400"',
      'id4 follows -> 1 true',
      'create_callback id -> 1 integer:5',
      'pending with it -> 1 integer:1',
      'process_callbacks ran it -> 1 integer:1',
      'its value -> 1 "settled"',
      'chat_promise is a promise -> 1 true',
      'awaited -> 1 "promised"',
      '',
    ]);
    const maxTokens = llm.requests.map((r) => (r.body as { max_tokens?: number }).max_tokens);
    expect(maxTokens).toContain(50);
  });

  it('storage.write / delete return nothing on success; set returns nothing', async () => {
    expect(await lines('storage')).toEqual([
      'write -> 0',
      'read -> 1 "first line"',
      'exists -> 1 true',
      `write refused -> 2 "string" "storage: extension '.exe' is not allowed"`,
      'delete -> 0',
      'delete again -> 0',
      'exists after -> 1 false',
      'set -> 0',
      'get -> 1 "hello"',
      'get missing -> 1 nil',
      'write for remove -> 0',
      'remove -> 1 true',
      'remove again -> 1 false',
      '',
    ]);
  });

  it('http.get / http.post return the body; status >= 400 is nil, "HTTP <code>: ..."', async () => {
    expect(await lines('http', [`base=${web.url}`])).toEqual([
      'get -> 1 "hello world"',
      'get 404 -> 2 nil "HTTP 404: 404 Not Found"',
      'get 418 -> 2 nil "HTTP 418: 418 I\'m a Teapot"',
      'post body is a string -> 1 "string"',
      'post sent -> 3 "POST" "{\\"a\\":1}" "application/json"',
      'post table -> 1 "{\\"b\\":2}"',
      'post 500 -> 2 nil "HTTP 500: 500 Internal Server Error - status 500"',
      'request keeps the table -> 3 integer:404 "Not Found" "status 404"',
      'get refused -> 2 nil "string"',
      '',
    ]);
  });

  it('agents: create returns the name (systemPrompt accepted), execute a string, stream true or false, err; remove of a missing one is false, err', async () => {
    expect(await lines('agents')).toEqual([
      'create -> 2 "helper" nil',
      'create again with system_prompt -> 1 "second"',
      `create without a name -> 2 nil "agents.create: 'name' must be a non-empty string"`,
      'execute -> 1 "echo: say hi"',
      'get_system_prompt -> 1 "You are a helpful assistant."',
      'execute table agent -> 1 "{\\"input\\":\\"two words\\",\\"words\\":2}"',
      'execute failing agent -> 2 nil "no luck"',
      'stream -> 1 true',
      'streamed: echo: stream this',
      'stream stopped -> 2 false "streaming stopped by callback"',
      `stream unknown -> 2 false "unknown agent 'nobody'"`,
      'update_system_prompt -> 1 true',
      `update_system_prompt unknown -> 2 false "unknown agent 'nobody'"`,
      'remove -> 1 true',
      `remove unknown -> 2 false "unknown agent 'second'"`,
      'tools.remove -> 1 true',
      `tools.remove unknown -> 2 false "unknown script tool 'shout'"`,
      '',
    ]);
    // systemPrompt reached the provider as the system message.
    const first = llm.requests[0]?.body as { messages: { role: string; content: string }[] };
    expect(first.messages[0]).toEqual({ role: 'system', content: 'You are a helpful assistant.' });
  });

  it('io.write / io.flush, and web_fetch results carry `content`', async () => {
    expect(await lines('io-tools', [`base=${web.url}`])).toEqual([
      'Your name? flush returns io -> 1 true',
      '',
      'web_fetch content -> 2 "T|Title & more|First para.|Second para €" nil',
      'web_fetch has no text field -> 1 nil',
      '',
    ]);
  });
});

describe('go-llmspell manifests and parameters', () => {
  it('takes list parameters as a,b,c, types numbers and booleans, and prints the returned table', async () => {
    const result = await run('params-result', ['items=a, 2,true', 'count=3', 'loud=yes']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('items a:string 2:integer true:boolean\ncount integer 3, loud true\n{\n  "count": 3,\n  "items": 3,\n  "success": true\n}\n');
    const json = await run('params-result', ['items=["x"]', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, output: 'items x:string\ncount integer 1, loud false\n', result: { success: true, items: 1, count: 1 } });
  });

  it('validate --verbose says what became of each go-llmspell key; info says the policy applies', async () => {
    const validate = await runCli(['validate', path.join(SPELLS, 'params-result'), '--verbose'], { cwd: ws.dir, env: { HOME: ws.dir } });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('note: timeout: mapped to limits.timeout (20 s)\nnote: memory_limit: mapped to limits.memory (64 MB)\n');
    const agents = await runCli(['validate', path.join(SPELLS, 'agents'), '--verbose'], { cwd: ws.dir, env: { HOME: ws.dir } });
    expect(agents.stdout).toContain('note: requires: llm, tools: noted only: with no permissions section the spell runs under your configured policy\n');
    const io = await runCli(['validate', path.join(SPELLS, 'io-tools'), '--verbose'], { cwd: ws.dir, env: { HOME: ws.dir } });
    expect(io.stdout).toContain('note: env: OPENAI_API_KEY recorded as secrets the spell needs');
    const info = await runCli(['info', path.join(SPELLS, 'http')], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home') } });
    expect(info.stdout).toContain('permissions: none declared: runs under your configured policy, like a bare .lua file');
    expect(info.stdout).toContain('go-llmspell >=0.1.0: provided by this host (go-llmspell compatible API)');
  });
});

describe('agents beyond go-llmspell: persistence and composition', () => {
  it('keeps a persist = true agent\'s conversation across runs, in the spell\'s storage; save / load by hand', async () => {
    expect(await lines('agent-memory', ['say=first'])).toEqual([
      'remembered 0 messages; answer: echo: first',
      'save\ttrue',
      'load\tdiary-copy\t2\tcopy',
      "load missing\tnil\tno saved agent 'nobody' (agents.save stores one)",
      '',
    ]);
    expect(await lines('agent-memory', ['say=second'])).toEqual([
      'remembered 2 messages; answer: echo: second',
      'save\ttrue',
      'load\tdiary-copy\t2\tcopy',
      "load missing\tnil\tno saved agent 'nobody' (agents.save stores one)",
      '',
    ]);
    // The second run sent the first run's turn along.
    const last = llm.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(last.messages.map((m) => m.content)).toEqual(['You remember.', 'first', 'echo: first', 'second']);
  });

  it('uses an agent as another agent\'s tool, and hands a turn from one agent to another', async () => {
    llm.enqueue(
      { toolCalls: [{ name: 'ask_expert', arguments: { input: 'capital of France?' } }] },
      { content: 'Paris' },
      { content: 'The expert says Paris.' },
      { toolCalls: [{ name: 'handoff_to_billing', arguments: {} }] },
      { content: 'Invoice fixed.' },
    );
    expect(await lines('agent-team')).toEqual([
      'as_tool\ttrue',
      "as_tool unknown\tfalse\tunknown agent 'nobody'",
      'boss: The expert says Paris.',
      'triage: Invoice fixed.',
      'triage memory ends with: Invoice fixed.',
      '',
    ]);
    const bodies = llm.requests.map((r) => r.body as { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] });
    expect(bodies[0]?.tools?.map((t) => t.function.name)).toEqual(['ask_expert']);
    expect(bodies[1]?.messages).toEqual([{ role: 'system', content: 'You know facts.' }, { role: 'user', content: 'capital of France?' }]);
    expect(bodies[3]?.tools?.map((t) => t.function.name)).toEqual(['handoff_to_billing']);
    // The specialist got the user's request and its own system prompt.
    expect(bodies[4]?.messages).toEqual([{ role: 'system', content: 'You handle invoices.' }, { role: 'user', content: 'my invoice is wrong' }]);
  });
});

describe('built-in agents', () => {
  it('lists researcher, summarizer and json_extractor, each a tool-calling agent usable by name', async () => {
    llm.enqueue(
      { toolCalls: [{ name: 'web_fetch', arguments: { url: `${web.url}/html` } }] },
      { content: 'A page titled T.' },
      { toolCalls: [{ name: 'json_process', arguments: { operation: 'type', json: '{"name":"Ada","age":36}' } }] },
      { content: '{"name":"Ada","age":36}' },
    );
    expect(await lines('builtin-agents', [`base=${web.url}`])).toEqual([
      'agents: json_extractor,researcher,summarizer',
      'researcher tools: web_fetch,calculator',
      'summarizer: A page titled T.',
      'extractor: {"name":"Ada","age":36}',
      '',
    ]);
    const bodies = llm.requests.map((r) => r.body as { messages: { role: string; content: string }[]; tools?: { function: { name: string } }[] });
    expect(bodies[0]?.messages[0]?.content).toMatch(/^You summarize faithfully/);
    expect(bodies[0]?.tools?.map((t) => t.function.name)).toEqual(['web_fetch', 'string_tools']);
    // The fetched page went back to the model as the tool's result.
    expect(bodies[1]?.messages.at(-1)).toMatchObject({ role: 'tool' });
    expect(bodies[1]?.messages.at(-1)?.content).toContain('Title & more');
    expect(bodies[2]?.tools?.map((t) => t.function.name)).toEqual(['json_process']);
  });
});
