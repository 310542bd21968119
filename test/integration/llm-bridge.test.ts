import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const KEY = 'sk-test-0123456789-secret';
const ws = tempWorkspace();
let server: LlmServer;

beforeAll(async () => {
  server = await startLlmServer({ apiKey: KEY });
});
afterEach(() => {
  server.setLatency(0);
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
});

/** Runs Lua code through the real CLI with the openai provider pointed at the local server. */
function spell(code: string, extraArgs: string[] = [], env: Record<string, string> = {}) {
  const file = ws.write(`llm-${Math.random().toString(36).slice(2)}.lua`, code);
  return runCli(['run', file, ...extraArgs], {
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'test-model', HOME: ws.dir, ...env },
  });
}

describe('llm through the openai SDK against a local server', () => {
  it('chats, and reports usage in --json', async () => {
    const result = await spell('print(llm.chat("hello there"))\nprint(llm.get_provider())', ['--json']);
    const report = JSON.parse(result.stdout);
    expect(report.output).toBe('echo: hello there\nopenai\ttest-model\n');
    expect(report.usage.totals.totalTokens).toBeGreaterThan(0);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('sends options and history', async () => {
    const result = await spell(`
      print(llm.chat_with_history({ { role = "system", content = "be brief" }, { role = "user", content = "hi" },
        { role = "assistant", content = "hello" }, { role = "user", content = "again" } }, { temperature = 0.5 }))
      print(llm.chat("x", { model = "other-model", max_tokens = 7, system = "sys" }))
    `);
    expect(result.stdout).toBe('echo: again\necho: x\n');
    const [history, withOptions] = server.requests.map((r) => r.body as Record<string, unknown>);
    expect(history).toMatchObject({ temperature: 0.5, messages: [{ role: 'system' }, { role: 'user' }, { role: 'assistant' }, { role: 'user', content: 'again' }] });
    expect(withOptions).toMatchObject({ model: 'other-model', max_tokens: 7, messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'x' }] });
  });

  it('streams chunks to the callback, and stops when the callback returns a message', async () => {
    const result = await spell(`
      local chunks = {}
      local full = llm.stream_text("one two three four five six", function(c) chunks[#chunks + 1] = c end)
      print(#chunks > 1, table.concat(chunks) == full, full)
      local seen = 0
      print(llm.stream_text("one two three four five six", function(c) seen = seen + 1 if seen == 2 then return "enough" end end))
      print("seen", seen)
    `);
    expect(result.stdout).toBe('true\ttrue\techo: one two three four five six\nnil\tcallback error: enough\nseen\t2\n');
  });

  it('retries 429 and 500, then answers', async () => {
    server.enqueue({ status: 429, headers: { 'retry-after': '0' } }, { status: 500 }, { content: 'third time lucky' });
    const result = await spell('print(llm.chat("retry me"))');
    expect(result.stdout).toBe('third time lucky\n');
    expect(server.requests).toHaveLength(3);
  });

  it('returns nil and an error naming the provider and status, without the key', async () => {
    server.enqueue({ status: 401, body: { error: { message: `bad key ${KEY}`, type: 'auth' } } });
    const result = await spell('local r, err = llm.chat("x") print(r, err)');
    expect(result.stdout).toMatch(/^nil\topenai: HTTP 401/);
    expect(result.stdout + result.stderr).not.toContain(KEY);
    expect(result.code).toBe(0);
  });

  it('times a hanging request out per the configured request timeout', async () => {
    ws.write('llmspell.yaml', 'llm:\n  request_timeout: 1\n  retries: 0\n');
    try {
      server.enqueue({ hang: true });
      const result = await spell('local r, err = llm.chat("hang") print(r, err)');
      expect(result.stdout).toMatch(/^nil\topenai: .*timed out/);
    } finally {
      ws.write('llmspell.yaml', '{}\n');
    }
  });

  it('cancels the request in flight when the run stops', async () => {
    server.enqueue({ hang: true });
    const started = Date.now();
    const result = await spell('print(llm.chat("never answered"))', ['--timeout', '1']);
    expect(result.stderr).toContain('run exceeded its time limit (1 s)');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('runs async calls concurrently and settles promises', async () => {
    server.setLatency(300);
    server.peakInFlight();
    const result = await spell(`
      local t0 = os and 0 or nil
      local ps = {}
      for i = 1, 8 do ps[i] = llm.chat_promise("n" .. i) end
      local values = promise.await_all(ps, 10)
      print(#values, values[1], values[8])
      local p = promise.new(function(resolve, reject) llm.chat_async("via promise", resolve, reject) end)
      print(p:await())
    `, ['--json']);
    const report = JSON.parse(result.stdout);
    expect(report.output).toBe('8\techo: n1\techo: n8\necho: via promise\n');
    // All eight were at the server at once (each waits 300 ms there), whatever the machine's load.
    expect(server.peakInFlight()).toBe(8);
  });

  it('calls callbacks of async calls and counts pending ones', async () => {
    const result = await spell(`
      local got = {}
      llm.chat_async("a", function(v) got[#got + 1] = v end)
      llm.complete_async("b", 10, function(v) got[#got + 1] = v end)
      llm.chat_async("c", nil, nil)
      print("pending", async.pending_count())
      while async.pending_count() > 0 do async.process_callbacks() end
      table.sort(got)
      print(table.concat(got, ","))
    `);
    expect(result.stdout).toBe('pending\t3\necho: a,echo: b\n');
  });

  it('validates chat_json answers against the schema, naming the field', async () => {
    server.enqueue({ content: '{"name": "Ada", "age": 36}' }, { content: '{"name": "Ada", "age": "old"}' });
    const result = await spell(`
      local schema = { type = "object", properties = { name = { type = "string" }, age = { type = "integer" } }, required = { "name", "age" } }
      local person = llm.chat_json("a person", schema)
      print(person.name, person.age, math.type(person.age))
      print(llm.chat_json("a person", schema))
    `);
    const [first, second] = result.stdout.split('\n');
    expect(first).toBe('Ada\t36\tinteger');
    expect(second).toMatch(/^nil\t.*age/);
  });

  it('lists providers and models, and refuses an unknown provider', async () => {
    const result = await spell(`
      local providers = llm.list_providers()
      print(table.concat(providers, ","))
      print(type(llm.list_models()))
      print(llm.set_provider("nope"))
      print(llm.set_provider("mock"), llm.get_provider())
      print(llm.chat("now offline"))
    `);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toContain('openai');
    expect(lines[0]).toContain('mock');
    expect(lines[1]).toBe('table');
    expect(lines[2]).toContain("unknown LLM provider 'nope'");
    expect(lines[3]).toBe('nil\tmock\tmock-model');
    expect(lines[4]).toBe("[Mock LLM Response] I received your prompt: 'now offline'");
    expect(result.stdout).not.toContain(KEY);
  });

  it('raises a clear error for a wrong argument type', async () => {
    const result = await spell('llm.chat(42)');
    expect(result.stderr).toMatch(/llm-\w+\.lua:1: llm\.chat: bad argument #1 'prompt' \(string expected, got number\)/);
    expect(result.code).toBe(1);
  });
});

describe('the offline mock provider', () => {
  it('is used and announced once when nothing is configured', async () => {
    const result = await runCli(['run', ws.write('mock.lua', 'print(llm.chat("a"))\nprint(llm.chat("b"))\n')], {
      cwd: ws.dir,
      env: { HOME: ws.dir, MOCK_LLM: '' },
    });
    expect(result.stdout).toBe("[Mock LLM Response] I received your prompt: 'a'\n[Mock LLM Response] I received your prompt: 'b'\n");
    expect(result.stderr.match(/using the offline mock provider; set OPENAI_API_KEY/g)).toHaveLength(1);
  });
});
