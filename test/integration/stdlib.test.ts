import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startHttpServer, type TestHttpServer } from '../helpers/http-test-server';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const ws = tempWorkspace();
let web: TestHttpServer;
let llm: LlmServer;

beforeAll(async () => {
  web = await startHttpServer();
  llm = await startLlmServer();
});
afterAll(async () => {
  await web.close();
  await llm.close();
  ws.cleanup();
});

function spell(code: string, env: Record<string, string> = {}) {
  const file = ws.write(`std-${Math.random().toString(36).slice(2)}.lua`, code);
  return runCli(['run', file], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), ...env } });
}

describe('storage', () => {
  it('writes, reads, lists and deletes files inside the jail', async () => {
    const result = await spell(`
      print(storage.write("notes/a.txt", "alpha"), storage.write("notes/b.md", "beta"), storage.write("c.json", "{}"))
      print(storage.read("notes/a.txt"), storage.exists("notes/b.md"), storage.exists("zzz.txt"))
      print(table.concat(storage.list("notes/*"), ","), #storage.list())
      print(storage.delete("notes/a.txt"), storage.exists("notes/a.txt"), storage.delete("notes/a.txt"))
      print(storage.write("notes/a.txt", "again"), storage.remove("notes/a.txt"), storage.remove("notes/a.txt"))
      print(select("#", storage.set("k", { 1, 2 })), storage.get("k")[2], storage.get("missing"))
    `);
    // go-llmspell: write and delete return no value on success (nil when not last in print), set returns nothing.
    expect(result.stdout).toBe('nil\tnil\nalpha\ttrue\tfalse\nnotes/a.txt,notes/b.md\t3\nnil\tfalse\nnil\ttrue\tfalse\n0\t2\tnil\n');
  });

  it.each([
    ['../escape.txt', "storage: path '../escape.txt' leaves the storage folder"],
    ['/etc/passwd.txt', 'absolute'],
    ['%2e%2e/x.txt', 'storage:'],
    ['tool.exe', "storage: extension '.exe' is not allowed"],
  ])('refuses %s', async (target, message) => {
    const result = await spell(`print(storage.write(${JSON.stringify(target)}, "x"))`);
    expect(result.stdout).toMatch(/^storage: /);
    expect(result.stdout).toContain(message);
  });

  it('raises for a wrong argument type, naming the function', async () => {
    const result = await spell('storage.write("a.txt", 42)');
    expect(result.stderr).toContain("storage.write: bad argument #2 'content' (string expected, got number)");
    expect(result.code).toBe(1);
  });
});

describe('http', () => {
  it('refuses loopback addresses unless configured', async () => {
    const result = await spell(`print(http.get("${web.url}/hello"))`);
    expect(result.stdout).toMatch(/^nil\thttp: address 127\.0\.0\.1 is a loopback address/);
  });

  it('gets and posts through the policy when the host is allowed', async () => {
    ws.write('llmspell.yaml', 'network:\n  allow_hosts: ["127.0.0.1"]\n');
    try {
      const result = await spell(`
        local r = http.request{ url = "${web.url}/hello" }
        print(r.status, r.body, r.headers["x-test"])
        local p = http.post("${web.url}/echo", { a = 1 })
        print(p)
        local q = http.request{ url = "${web.url}/echo", method = "PUT", body = "raw", headers = { ["x-k"] = "v" } }
        print(q.status)
        print(http.get("ftp://example.com/x"))
        print(http.get("${web.url}/hello"))
      `);
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe('200\thello world\tyes');
      // go-llmspell: http.get / http.post return the body string.
      expect(lines[1]).toMatch(/^\{.*"content-type":"application\/json".*\\"a\\":1/);
      expect(lines[2]).toBe('200');
      expect(lines[3]).toMatch(/^nil\thttp: .*ftp/);
      expect(lines[4]).toBe('hello world');
    } finally {
      ws.write('llmspell.yaml', '{}\n');
    }
  });
});

describe('tools', () => {
  it('registers, validates, executes, lists and removes script tools; built-ins share the registry', async () => {
    const result = await spell(`
      local schema = { type = "object", properties = { text = { type = "string" } }, required = { "text" } }
      print(tools.register("shout", "upper-cases", schema, function(p) return p.text:upper() end))
      print(tools.register("shout", "again", schema, function() end))
      print(tools.execute("shout", { text = "hi" }))
      print(tools.execute("shout", {}))
      print(tools.validate("shout", { text = "ok" }), tools.validate("shout", { text = 1 }))
      print(tools.execute("calculator", { expression = "(1 + 2) * 3 ^ 2" }))
      print(tools.execute("nope", {}))
      tools.register("fails", "returns an error", nil, function() return nil, "no luck" end)
      tools.register("raises", "raises", nil, function() error("kaboom") end)
      print(tools.execute("fails", {}))
      print(tools.execute("raises", {}))
      print(tools.get("shout").description, tools.get("calculator").builtin)
      local names = {} for _, t in ipairs(tools.list()) do names[t.name] = true end
      print(names.shout, names.calculator, names.web_fetch, names.file_read)
      print(tools.remove("shout"), tools.get("shout"))
    `);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('true');
    expect(lines[1]).toBe("nil\ttool 'shout' is already registered");
    expect(lines[2]).toBe('HI');
    expect(lines[3]).toBe("nil\tinvalid parameters for tool 'shout': /text: is required");
    expect(lines[4]).toBe("true\tfalse\tinvalid parameters for tool 'shout': /text: must be string");
    expect(lines[5]).toBe('27');
    expect(lines[6]).toBe("nil\tunknown tool 'nope'");
    expect(lines[7]).toBe('nil\tno luck');
    expect(lines[8]).toMatch(/^nil\ttool 'raises' failed: .*kaboom/);
    expect(lines[9]).toBe('upper-cases\ttrue');
    expect(lines[10]).toBe('true\ttrue\ttrue\ttrue');
    expect(lines[11]).toBe("true\tnil\tunknown tool 'shout'");
  });
});

describe('agents', () => {
  it('registers function and table agents with the go-llmspell contract', async () => {
    const result = await spell(`
      agents.register("echo", function(input, options) return "echo:" .. input .. (options and options.suffix or "") end)
      local t = { prompt = "p0", tools = {} }
      function t:execute(input) return self.prompt .. "/" .. input end
      function t:stream(input, options, emit) emit("a") emit("b") end
      function t:set_system_prompt(p) self.prompt = p end
      function t:add_tool(name) self.tools[#self.tools + 1] = name return true end
      agents.register("table", t)
      print(agents.execute("echo", "x", { suffix = "!" }))
      print(agents.execute("table", "in"))
      print(agents.update_system_prompt("table", "p1"), agents.execute("table", "in"))
      local chunks = {}
      print(agents.stream("table", "s", function(c) chunks[#chunks + 1] = c end), table.concat(chunks))
      local got = {}
      print(agents.stream("echo", "s", function(c) got[#got + 1] = c end), #got)
      print(agents.add_tool("table", "calculator"), t.tools[1])
      print(table.concat(agents.list(), ","), agents.get("echo") ~= nil)
      print(agents.remove("echo"), agents.execute("echo", "x"))
      print(agents.register("bad", { nope = true }))
    `);
    expect(result.stdout.split('\n').slice(0, 10)).toEqual([
      'echo:x!',
      'p0/in',
      'true\tp1/in',
      'true\tab',
      'true\t1',
      'true\tcalculator',
      // agents.list shows the built-in agents too
      'echo,json_extractor,researcher,summarizer,table\ttrue',
      "true\tnil\tunknown agent 'echo'",
      "false\tagent 'bad' needs an execute(self, input, options) function",
      '',
    ]);
  });

  it('runs a real tool-calling loop against the provider, with memory and a step limit', async () => {
    llm.enqueue(
      { toolCalls: [{ name: 'shout', arguments: { text: 'hello' } }] },
      { content: 'I shouted: HELLO' },
      { content: 'second answer' },
      { toolCalls: [{ name: 'shout', arguments: { text: 'a' } }] },
      { toolCalls: [{ name: 'shout', arguments: { text: 'b' } }] },
    );
    const before = llm.requests.length;
    const result = await spell(
      `
      tools.register("shout", "upper-cases", { type = "object", properties = { text = { type = "string" } } },
        function(p) print("tool got " .. p.text) return p.text:upper() end)
      local agent = agents.new{ name = "crier", system_prompt = "You shout.", tools = { "shout" }, max_steps = 2 }
      print(agent:execute("shout hello"))
      print(agents.execute("crier", "and again?"))
      print(agent:execute("loop forever"))
    `,
      { MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.url },
    );
    expect(result.stdout.split('\n')).toEqual([
      'tool got hello',
      'I shouted: HELLO',
      'second answer',
      'tool got a',
      'tool got b',
      "nil\tagent 'crier' stopped after 2 steps without a final answer",
      '',
    ]);
    const requests = llm.requests.slice(before).map((r) => r.body as { messages: { role: string; content: string | null }[]; tools?: unknown[] });
    expect(requests[0]?.tools).toHaveLength(1);
    expect(requests[1]?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(requests[1]?.messages[3]?.content).toBe('"HELLO"');
    // Memory: the second turn carries the first one.
    expect(requests[2]?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
  });
});
