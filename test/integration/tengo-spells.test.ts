/**
 * Tengo spells through the real CLI: the sandbox (no os, runaway loops, memory bombs, deep
 * recursion, huge strings) and the bridges against the local OpenAI-compatible server.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { orphanedEngineProcesses } from '../helpers/processes';

const KEY = 'sk-test-tengo-secret';
const ws = tempWorkspace('llmspell-tengo-');
let server: LlmServer;

beforeAll(async () => {
  server = await startLlmServer({ apiKey: KEY });
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
  expect(orphanedEngineProcesses()).toEqual([]);
});

type Report = { ok: boolean; output: string; result?: unknown; error: { message: string; code: string } | null };

async function tengo(code: string, ...args: string[]) {
  const file = ws.write(`spell-${Math.random().toString(36).slice(2)}.tengo`, code);
  const result = await runCli(['run', file, '--json', ...args], {
    cwd: ws.dir,
    env: { MOCK_LLM: '', OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'test-model', HOME: ws.dir },
  });
  return { ...result, report: JSON.parse(result.stdout) as Report };
}

describe('tengo sandbox', () => {
  it('has no os module: importing it is a compile error naming the module', async () => {
    const { report } = await tengo('os := import("os")\nos.exit(1)');
    expect(report.ok).toBe(false);
    expect(report.error?.message).toMatch(/^Compile Error: module 'os' not found\n\tat spell-\w+\.tengo:1:7/);
  });

  it('ends a runaway loop at the time limit', async () => {
    const started = Date.now();
    const { report } = await tengo('for {}', '--timeout', '1');
    expect(report.error?.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends an endless workflow loop of host functions at the time limit', async () => {
    const { report } = await tengo('workflow := import("workflow")\nworkflow.loop({step: format, count: 1000000000000}).run("x")', '--timeout', '1');
    expect(report.error?.code).toBe('timeout');
  });

  it.each([
    ['arrays', 'a := []\nfor { a = append(a, [1, 2, 3, 4, 5, 6, 7, 8]) }'],
    ['maps', 'm := {}\ni := 0\nfor { m[string(i)] = "xxxxxxxxxxxxxxxx" + string(i); i++ }'],
  ])('ends a memory bomb of %s at the memory limit', async (_name, code) => {
    const { report } = await tengo(code, '--memory', '48', '--timeout', '30');
    expect(report.ok).toBe(false);
    expect(report.error?.message).toMatch(/not enough memory|exceeding element limit/);
  });

  it('ends a doubling string with a clear error', async () => {
    const { report } = await tengo('s := "x"\nfor { s += s }', '--memory', '64');
    expect(report.error?.message).toMatch(/^Runtime Error: exceeding string size limit/);
  });

  it('ends deep recursion with a stack overflow naming the place', async () => {
    const { report } = await tengo('f := func(n) { return f(n + 1) + 1 }\nf(0)');
    expect(report.error?.message).toMatch(/^Runtime Error: stack overflow\n\tat spell-\w+\.tengo:1:23/);
  });

  it('reports runtime errors with file, line and column', async () => {
    const { report } = await tengo('fmt := import("fmt")\nfmt.println("before")\nx := 1 + "a"');
    expect(report.output).toBe('before\n');
    expect(report.error?.message).toMatch(/^Runtime Error: invalid operation: int \+ string\n\tat spell-\w+\.tengo:3:6/);
  });
});

describe('tengo bridges', () => {
  it('chats and streams through the openai SDK; chunks reach a Tengo callback', async () => {
    const { report } = await tengo(`
      fmt := import("fmt")
      llm := import("llm")
      fmt.println(llm.chat("hello there"))
      chunks := []
      whole := llm.stream_chat("stream me", func(c) { chunks = append(chunks, c) })
      fmt.println(len(chunks) > 1, " ", whole == "echo: stream me")
      p := llm.get_provider()
      fmt.println(p.name, " ", p.model)
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe('echo: hello there\ntrue true\nopenai test-model\n');
  });

  it('gives failures as error values and bad arguments as runtime errors', async () => {
    const { report } = await tengo(`
      fmt := import("fmt")
      llm := import("llm")
      r := llm.set_provider("nope")
      fmt.println(is_error(r))
      llm.chat(42)
    `);
    expect(report.output).toBe('true\n');
    expect(report.error?.message).toMatch(/^Runtime Error: llm.chat: invalid type for argument 'prompt': expected string, found int/);
  });

  it('registers and executes Tengo tools and agents', async () => {
    const { report } = await tengo(`
      fmt := import("fmt")
      tools := import("tools")
      agents := import("agents")
      tools.register("add", "adds", {type: "object", properties: {a: {type: "number"}, b: {type: "number"}}, required: ["a", "b"]}, func(p) { return p.a + p.b })
      fmt.println(tools.execute("add", {a: 2, b: 3}))
      fmt.println(is_error(tools.execute("add", {a: "x"})))
      agents.register("shout", func(input, opts) { return input + "!" })
      // A function that takes only the input is fine too (Tengo counts arguments strictly).
      agents.register("echo", func(input) { return input })
      fmt.println(agents.execute("shout", "hey"), " ", agents.execute("echo", "hi"), " ", agents.list())
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe('5\ntrue\nhey! hi ["echo", "shout"]\n');
  });

  it('gets params as an immutable map', async () => {
    const file = ws.write('params.tengo', 'fmt := import("fmt")\nparams := import("params")\nfmt.println(params.name, " ", is_immutable_map(params))\nparams.name = "x"');
    const result = await runCli(['run', file, 'name=world', '--json'], { cwd: ws.dir });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.output).toBe('world true\n');
    expect(report.error?.message).toMatch(/not index-assignable: immutable-map/);
  });

  it('stores files in the spell storage jail', async () => {
    const { report } = await tengo(`
      fmt := import("fmt")
      storage := import("storage")
      fmt.println(storage.write("notes/a.txt", "hi"))
      fmt.println(storage.read("notes/a.txt"))
      fmt.println(is_error(storage.read("../../etc/passwd")))
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe('true\nhi\ntrue\n');
  });
});

describe('tengo source modules', () => {
  it('imports spell-local modules (and theirs, relative to each file) from the spell folder', async () => {
    const dir = `mods-${Math.random().toString(36).slice(2)}`;
    mkdirSync(path.join(ws.dir, dir, 'lib'), { recursive: true });
    ws.write(`${dir}/lib/shout.tengo`, 'text := import("text")\nexport func(s) { return text.to_upper(s) + "!" }');
    ws.write(`${dir}/util.tengo`, 'shout := import("./lib/shout")\nexport {greet: func(n) { return shout("hi " + n) }}');
    ws.write(`${dir}/main.tengo`, 'fmt := import("fmt")\nutil := import("./util")\nfmt.println(util.greet("ada"))');
    const result = await runCli(['run', dir, '--json'], { cwd: ws.dir });
    const report = JSON.parse(result.stdout) as Report;
    expect(report.error).toBeNull();
    expect(report.output).toBe('HI ADA!\n');
  });

  it('refuses a module outside the spell folder, and says which import is missing', async () => {
    const dir = `jail-${Math.random().toString(36).slice(2)}`;
    ws.write('outside.tengo', 'export 1');
    mkdirSync(path.join(ws.dir, dir));
    ws.write(`${dir}/main.tengo`, 'x := import("../outside")');
    const escaped = JSON.parse((await runCli(['run', dir, '--json'], { cwd: ws.dir })).stdout) as Report;
    expect(escaped.error?.message).toMatch(new RegExp(`^Compile Error: module '../outside' is outside the spell's folder\n\tat ${dir}/main.tengo:1:6`));
    // A link inside the folder that leads out is refused like `..`.
    symlinkSync(path.join(ws.dir, 'outside.tengo'), path.join(ws.dir, dir, 'link.tengo'));
    ws.write(`${dir}/main.tengo`, 'x := import("./link")');
    const linked = JSON.parse((await runCli(['run', dir, '--json'], { cwd: ws.dir })).stdout) as Report;
    expect(linked.error?.message).toMatch(/^Compile Error: module '.\/link' is outside the spell's folder/);
    ws.write(`${dir}/main.tengo`, 'x := import("./nothing")');
    const missing = JSON.parse((await runCli(['run', dir, '--json'], { cwd: ws.dir })).stdout) as Report;
    expect(missing.error?.message).toMatch(/^Compile Error: module '.\/nothing' not found/);
  });
});

describe('tengo workflows and agents', () => {
  it('builds workflows of Tengo functions and LLM steps, and a failing step is an error value', async () => {
    const { report } = await tengo(`
      fmt := import("fmt")
      workflow := import("workflow")
      wf := workflow.sequential({name: "w", steps: [func(x) { return x + " tea" }, {name: "ask", llm: "about {{input}}"}]})
      fmt.println(wf.run("green"), " ", workflow.is_workflow(wf))
      p := workflow.parallel({steps: {a: func(x) { return x + 1 }, b: func(x) { return x * 10 }}, aggregate: "map"})
      fmt.println(p.run(2))
      fmt.println(workflow.loop({step: func(x) { return x * 2 }, count: 3}).run(1), " ", workflow.loop({step: func(x) { return x * 2 }, until_: func(v) { return v > 10 }}).run(1))
      c := workflow.conditional({condition: func(x) { return x > 0 ? "pos" : "neg" }, branches: {pos: func(x) { return "+" }, neg: func(x) { return "-" }}})
      fmt.println(c.run(3), c.run(-3))
      r := workflow.sequential({name: "bad", steps: [func(x) { return error("boom") }]}).run(1)
      fmt.println(is_error(r), " ", r.value)
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe("echo: about green tea true\n{a: 3, b: 20}\n8 16\n+-\ntrue workflow 'bad': step 'step 1' failed: boom\n");
  });

  it('loads a workflow file that runs in the host', async () => {
    ws.write('tiny.workflow.yaml', 'name: tiny\ninputs:\n  n: { type: integer, default: 1 }\nnodes:\n  - { id: v, type: transform, config: { value: 42 } }\n');
    const { report } = await tengo(`
      fmt := import("fmt")
      workflow := import("workflow")
      wf := workflow.load("tiny.workflow.yaml")
      fmt.println(wf.kind, " ", wf.name, " ", wf.run({n: 2}), " ", workflow.is_workflow(wf))
      fmt.println(is_error(workflow.load("missing.workflow.yaml")))
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe('file tiny {v: 42} true\ntrue\n');
  });

  it('runs an LLM agent made by agents.create, which keeps its conversation', async () => {
    server.enqueue({ content: 'first' }, { content: 'second' });
    const { report } = await tengo(`
      fmt := import("fmt")
      agents := import("agents")
      a := agents.create({name: "pal", system_prompt: "be kind"})
      fmt.println(a.run("one"), " ", a.run("two"), " ", a.get_system_prompt(), " ", agents.update_system_prompt("pal", "be brief"), " ", a.get_system_prompt())
      fmt.println(is_error(agents.create({name: "x", tools: ["nope"]})))
    `);
    expect(report.error).toBeNull();
    expect(report.output).toBe('first second be kind true be brief\ntrue\n');
    const second = server.requests.at(-1)?.body as { messages: { role: string; content: string }[] };
    expect(second.messages.map((m) => m.content)).toEqual(['be kind', 'one', 'first', 'two']);
  });
});

describe('llmspell validate for tengo', () => {
  it('reports a parse error and an unknown module with file:line:column, running nothing', async () => {
    const dir = `val-${Math.random().toString(36).slice(2)}`;
    mkdirSync(path.join(ws.dir, dir));
    ws.write(`${dir}/main.tengo`, 'fmt := import("fmt")\nfmt.println("ran")\nx := (1 + \n');
    const parse = await runCli(['validate', dir], { cwd: ws.dir });
    expect(parse.code).not.toBe(0);
    expect(parse.stdout + parse.stderr).toContain(`syntax error: ${dir}/main.tengo:4:1: Parse Error: expected operand, found EOF`);
    expect(parse.stdout).not.toContain('ran');
    ws.write(`${dir}/main.tengo`, 'fmt := import("fmt")\nos := import("os")\nu := import("./util")');
    ws.write(`${dir}/util.tengo`, 'export 1');
    const os = await runCli(['validate', dir], { cwd: ws.dir });
    expect(os.stdout + os.stderr).toContain(`syntax error: ${dir}/main.tengo:2:7: Compile Error: module 'os' not found`);
  });
});

describe('llmspell create --engine tengo', () => {
  it.each(['basic', 'chat', 'agent', 'pipeline', 'tool'])('scaffolds the %s template as a Tengo spell that runs and passes its test', async (template) => {
    const name = `tg-${template}`;
    const created = await runCli(['create', name, '--engine', 'tengo', '--template', template], { cwd: ws.dir });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('main.tengo');
    expect(created.stdout).toContain(`tests/${name}.test.tengo`);
    const run = await runCli(['run', name, ...(template === 'pipeline' ? ['topic=tea'] : []), '--json'], { cwd: ws.dir });
    const report = JSON.parse(run.stdout) as Report;
    expect(report.error).toBeNull();
    expect(report.output.length).toBeGreaterThan(0);
    const tested = await runCli(['test', name], { cwd: ws.dir, timeoutMs: 60_000 });
    expect(tested.stdout).toMatch(/# 1 passed, 0 failed/);
  });
});
