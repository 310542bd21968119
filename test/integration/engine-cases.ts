/**
 * The behavioural cases of engines.test.ts: the same behaviour written as a Lua, a JavaScript and a
 * Tengo spell, with the output all must print. `{{WEB}}` is the local http test server's URL. Tengo
 * sources get TENGO_IMPORTS in front (a Tengo spell imports every module it uses).
 */
import { expect } from 'vitest';
import type { LlmServer } from '../helpers/llm-server';

/** One behaviour in both languages. */
export interface EngineCase {
  name: string;
  lua: string;
  js: string;
  /** The Tengo spell, or why Tengo has no such case. */
  tengo: string | { skip: string };
  expected: string;
  args?: string[];
  /** Text on the spell's stdin (io.read). */
  input?: string;
  /** Expected stderr, given the spell's name (default: nothing). */
  stderr?: (spellName: string) => string;
  /** Scripts the LLM server before the run. */
  before?: (server: LlmServer) => void;
  /** Checks what the LLM server saw. */
  check?: (server: LlmServer) => void;
}

const ADD_ONE_LUA = `tools.register("add_one", "adds one", { type = "object", properties = { n = { type = "number" } }, required = { "n" } }, function(p) return p.n + 1 end)`;
const ADD_ONE_JS = `tools.register({ name: "add_one", description: "adds one", parameters: { type: "object", properties: { n: { type: "number" } }, required: ["n"] }, run: (p) => p.n + 1 });`;

/** What every Tengo case imports. */
export const TENGO_IMPORTS = ['fmt', 'text', 'times', 'json', 'llm', 'tools', 'agents', 'workflow', 'storage', 'http', 'log', 'io', 'params']
  .map((m) => `${m} := import("${m}")`)
  .join('\n');

const ADD_ONE_TENGO = `tools.register("add_one", "adds one", {type: "object", properties: {n: {type: "number"}}, required: ["n"]}, func(p) { return p.n + 1 })`;

/** The table every engine runs. */
export const ENGINE_CASES: EngineCase[] = [
  {
    name: 'prints and reads params',
    lua: 'print("hello " .. params.name)',
    js: 'console.log("hello " + params.name);',
    tengo: 'fmt.println("hello " + params.name)',
    args: ['name=World'],
    expected: 'hello World\n',
  },
  {
    name: 'reads input lines with io.read and writes with io.write',
    lua: 'io.write("name? ")\nlocal name = io.read()\nprint("hi " .. name, io.read("n"), io.read())',
    js: 'io.write("name? ");\nconst name = await io.read();\nconst n = await io.read("n");\nconst rest = await io.read();\nconsole.log(["hi " + name, n, rest === null ? "nil" : rest].join("\\t"));',
    tengo: 'io.write("name? ")\nname := io.read()\nn := io.read("n")\nrest := io.read()\nfmt.println("hi " + name + "\\t" + string(n) + "\\t" + (is_undefined(rest) ? "nil" : rest))',
    input: 'Ada\n42\n',
    expected: 'name? hi Ada\t42\tnil\n',
  },
  {
    name: 'encodes and decodes JSON',
    lua: 'local t = json.decode(\'{"a":[1,2,3],"b":"x"}\')\nprint(#t.a .. " " .. t.b .. " " .. json.encode({ n = 1.5 }))',
    js: 'const t = json.decode(\'{"a":[1,2,3],"b":"x"}\');\nconsole.log(t.a.length + " " + t.b + " " + json.encode({ n: 1.5 }));',
    tengo: 't := json.decode(`{"a":[1,2,3],"b":"x"}`)\nfmt.println(len(t.a), " ", t.b, " ", string(json.encode({n: 1.5})))',
    expected: '3 x {"n":1.5}\n',
  },
  {
    name: 'says where JSON text is wrong',
    lua: 'local v, err = json.decode(\'{"a": }\')\nprint(err)',
    js: 'try { json.decode(\'{"a": }\'); } catch (e) { console.log(e.message); }',
    tengo: { skip: 'a Tengo spell uses Tengo\'s own json module, whose errors read like Tengo\'s' },
    expected: 'unexpected "}" at line 1, column 7 (position 6)\n',
  },
  {
    name: 'waits on timers',
    lua: 'async.sleep(0.05)\nprint("slept")',
    js: 'await new Promise((resolve) => setTimeout(resolve, 50));\nconsole.log("slept");',
    tengo: 'times.sleep(50 * times.millisecond)\nfmt.println("slept")',
    expected: 'slept\n',
  },
  {
    name: 'writes structured log lines',
    lua: 'log.warn("careful", { n = 1 })\nlog.debug("hidden")',
    js: 'log.warn("careful", { n: 1 });\nlog.debug("hidden");',
    tengo: 'log.warn("careful", {n: 1})\nlog.debug("hidden")',
    expected: '',
    stderr: (name) => `[warn] ${name}: careful n=1\n`,
  },
  {
    name: 'chats with the LLM',
    lua: 'print(llm.chat("hello there"))',
    js: 'console.log(await llm.chat("hello there"));',
    tengo: 'fmt.println(llm.chat("hello there"))',
    expected: 'echo: hello there\n',
  },
  {
    name: 'sends history and options',
    lua: 'print(llm.chat_with_history({ { role = "system", content = "be brief" }, { role = "user", content = "again" } }, { max_tokens = 5 }))',
    js: 'console.log(await llm.chatWithHistory([{ role: "system", content: "be brief" }, { role: "user", content: "again" }], { maxTokens: 5 }));',
    tengo: 'fmt.println(llm.chat_with_history([{role: "system", content: "be brief"}, {role: "user", content: "again"}], {max_tokens: 5}))',
    expected: 'echo: again\n',
    check: (server) => expect(server.requests[0]?.body).toMatchObject({ max_tokens: 5, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'again' }] }),
  },
  {
    name: 'streams chunks and returns the whole text',
    lua: 'local parts = {}\nlocal full = llm.stream_text("a b c d", function(c) parts[#parts + 1] = c end)\nprint(tostring(#parts > 1) .. " " .. tostring(table.concat(parts) == full) .. " " .. full)',
    js: 'const parts = [];\nconst full = await llm.streamChat("a b c d", (c) => { parts.push(c); });\nconsole.log((parts.length > 1) + " " + (parts.join("") === full) + " " + full);',
    tengo: 'parts := []\nfull := llm.stream_chat("a b c d", func(c) { parts = append(parts, c) })\njoined := ""\nfor p in parts { joined += p }\nfmt.println(len(parts) > 1, " ", joined == full, " ", full)',
    expected: 'true true echo: a b c d\n',
  },
  {
    name: 'stops a stream when the callback returns a reason',
    lua: 'local seen = 0\nlocal err = llm.stream_chat("one two three four five six", function(c) seen = seen + 1 if seen == 2 then return "enough" end end)\nprint(err .. " " .. seen)',
    js: 'let seen = 0;\ntry {\n  await llm.streamChat("one two three four five six", () => { seen++; if (seen === 2) return "enough"; });\n} catch (e) { console.log(e.message + " " + seen); }',
    tengo: 'seen := 0\nr := llm.stream_chat("one two three four five six", func(c) { seen++; if seen == 2 { return "enough" } })\nfmt.println(r.value + " " + string(seen))',
    expected: 'callback error: enough 2\n',
  },
  {
    name: 'reports a failed LLM call (nil, err in Lua; a SpellError in JS)',
    before: (server) => server.enqueue({ status: 401, body: { error: { message: 'bad key', type: 'auth' } } }),
    lua: 'local r, err = llm.chat("x")\nprint(tostring(r) .. " " .. err:match("^openai: HTTP %d+"))',
    js: 'try { await llm.chat("x"); } catch (e) { console.log((e instanceof SpellError ? "nil" : "?") + " " + e.message.match(/^openai: HTTP \\d+/)[0]); }',
    tengo: 'r := llm.chat("x")\nfmt.println((is_error(r) ? "nil" : "?") + " " + text.re_find(`^openai: HTTP \\d+`, r.value)[0][0].text)',
    expected: 'nil openai: HTTP 401\n',
  },
  {
    name: 'runs LLM calls concurrently',
    lua: 'local v = promise.all({ llm.chat_promise("a"), llm.chat_promise("b") }):await()\nprint(v[1] .. " " .. v[2])',
    js: 'const v = await workflow.parallel([() => llm.chat("a"), () => llm.chat("b")]);\nconsole.log(v[0] + " " + v[1]);',
    tengo: 'v := workflow.parallel({steps: [func(x) { return llm.chat("a") }, func(x) { return llm.chat("b") }]}).run()\nfmt.println(v[0] + " " + v[1])',
    expected: 'echo: a echo: b\n',
  },
  {
    name: 'keeps files in storage',
    lua: 'assert(storage.write("notes/a.txt", "hi") == nil)\nprint(storage.read("notes/a.txt") .. " " .. tostring(storage.exists("notes/a.txt")) .. " " .. table.concat(storage.list("notes/*.txt"), ","))\nprint(tostring(storage.remove("notes/a.txt")) .. " " .. tostring(storage.exists("notes/a.txt")))\nlocal r, err = storage.read("../outside.txt")\nprint(r == nil and "refused" or "escaped")',
    js: 'await storage.write("notes/a.txt", "hi");\nconsole.log((await storage.read("notes/a.txt")) + " " + (await storage.exists("notes/a.txt")) + " " + (await storage.list("notes/*.txt")).join(","));\nconsole.log((await storage.delete("notes/a.txt")) + " " + (await storage.exists("notes/a.txt")));\nconsole.log(await storage.read("../outside.txt").then(() => "escaped", () => "refused"));',
    tengo: 'storage.write("notes/a.txt", "hi")\nfmt.println(storage.read("notes/a.txt") + " " + string(storage.exists("notes/a.txt")) + " " + text.join(storage.list("notes/*.txt"), ","))\nfmt.println(string(storage.delete("notes/a.txt")) + " " + string(storage.exists("notes/a.txt")))\nr := storage.read("../outside.txt")\nfmt.println(is_error(r) ? "refused" : "escaped")',
    expected: 'hi true notes/a.txt\ntrue false\nrefused\n',
  },
  {
    name: 'makes HTTP requests through the network policy',
    lua: 'local r = http.request({ url = "{{WEB}}/hello" })\nprint(r.status .. " " .. r.body .. " " .. r.headers["x-test"])\nlocal r2, err = http.get("http://10.255.255.1/")\nprint(r2 == nil and "blocked" or "reached")',
    js: 'const r = await http.get("{{WEB}}/hello");\nconsole.log(r.status + " " + r.body + " " + r.headers["x-test"]);\nconsole.log(await http.get("http://10.255.255.1/").then(() => "reached", () => "blocked"));',
    tengo: 'r := http.get("{{WEB}}/hello")\nfmt.println(string(r.status) + " " + r.body + " " + r.headers["x-test"])\nr2 := http.get("http://10.255.255.1/")\nfmt.println(is_error(r2) ? "blocked" : "reached")',
    expected: '200 hello world yes\nblocked\n',
  },
  {
    name: 'runs spell tools with schema validation, and built-in tools',
    lua: `${ADD_ONE_LUA}\nprint(tools.execute("add_one", { n = 41 }))\nlocal r, err = tools.execute("add_one", { n = "x" })\nprint(err)\nlocal r2, err2 = tools.execute("nope", {})\nprint(err2)\nprint(tools.execute("calculator", { expression = "2 * (3 + 4)" }))`,
    js: `${ADD_ONE_JS}\nconsole.log(await tools.execute("add_one", { n: 41 }));\ntry { await tools.execute("add_one", { n: "x" }); } catch (e) { console.log(e.message); }\ntry { await tools.execute("nope", {}); } catch (e) { console.log(e.message); }\nconsole.log(await tools.execute("calculator", { expression: "2 * (3 + 4)" }));`,
    tengo: `${ADD_ONE_TENGO}\nfmt.println(tools.execute("add_one", {n: 41}))\nfmt.println(tools.execute("add_one", {n: "x"}).value)\nfmt.println(tools.execute("nope", {}).value)\nfmt.println(tools.execute("calculator", {expression: "2 * (3 + 4)"}))`,
    expected: "42\ninvalid parameters for tool 'add_one': /n: must be number\nunknown tool 'nope'\n14\n",
  },
  {
    name: 'runs an agent\'s tool-calling loop',
    before: (server) => server.enqueue({ toolCalls: [{ name: 'add_one', arguments: { n: 1 } }] }, { content: 'the answer is 2' }),
    lua: `${ADD_ONE_LUA}\nlocal agent = agents.new({ name = "helper", system_prompt = "use tools", tools = { "add_one" } })\nprint(agent:run("what is 1 + 1?"))\nlocal mine = {}\nfor _, n in ipairs(agents.list()) do if n ~= "researcher" and n ~= "summarizer" and n ~= "json_extractor" then mine[#mine + 1] = n end end\nprint(table.concat(mine, ","))`,
    js: `${ADD_ONE_JS}\nconst agent = agents.create({ name: "helper", systemPrompt: "use tools", tools: ["add_one"] });\nconsole.log(await agent.run("what is 1 + 1?"));\nconsole.log(agents.list().filter((n) => !["researcher", "summarizer", "json_extractor"].includes(n)).join(","));`,
    tengo: `${ADD_ONE_TENGO}\nagent := agents.create({name: "helper", system_prompt: "use tools", tools: ["add_one"]})\nfmt.println(agent.run("what is 1 + 1?"))\nfmt.println(text.join(agents.list(), ","))`,
    expected: 'the answer is 2\nhelper\n',
    check: (server) => {
      const second = server.requests[1]?.body as { messages: { role: string; content: string }[]; tools: { function: { name: string } }[] };
      expect(second.messages.at(-1)).toMatchObject({ role: 'tool', content: '2' });
      expect(second.tools[0]?.function.name).toBe('add_one');
    },
  },
];
