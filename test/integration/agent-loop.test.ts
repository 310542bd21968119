/**
 * One agent loop, on the host, for Lua, JavaScript and Tengo: the same agent written in each language (a
 * spell-defined tool and a built-in tool) runs in real engine processes against the local
 * OpenAI-compatible server, and the model sees the same conversation, the run the same tool events.
 * Stopping the run or its time limit ends the loop on both sides; the run's LLM budget holds the
 * loop's model calls. (Tengo's engine calls the host synchronously: the tool request arrives while it
 * waits in agents.turn, and its agents.tool_result is a call nested in that one.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../runtime/config';
import type { RunEvent, RunOutcome } from '../../runtime/contract/run-events';
import { Supervisor } from '../../runtime/host/supervisor';
import type { RunController } from '../../runtime/host/run-controller';
import { createRunServices } from '../../runtime/services/run-services';
import { tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

const KEY = 'sk-agent-loop-test';
const ws = tempWorkspace('llmspell-agent-loop-');
let llm: LlmServer;
let supervisor: Supervisor;

beforeAll(async () => {
  llm = await startLlmServer({ apiKey: KEY });
  supervisor = new Supervisor({ poolSize: 1 });
});
afterAll(async () => {
  await supervisor.close();
  await llm.close();
  ws.cleanup();
});

type Engine = 'lua' | 'javascript' | 'tengo';

/** Starts a spell with the capabilities the CLI would give it (config from `home`, the local server as provider). */
function start(engine: Engine, code: string, options: { home?: string; timeoutMs?: number } = {}) {
  const home = options.home ?? path.join(ws.dir, 'home');
  mkdirSync(home, { recursive: true });
  const loaded = loadConfig({ cwd: ws.dir, env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: llm.url, OPENAI_MODEL: 'test-model' }, home });
  const capabilities = createRunServices(loaded, { home, notice: () => {}, storageOwner: { name: 'agent-loop' } });
  const events: RunEvent[] = [];
  const fileName = { lua: 'agent.lua', javascript: 'agent.js', tengo: 'agent.tengo' }[engine];
  const controller: RunController = supervisor.run(
    { spell: { engine, fileName, code }, spellName: 'agent', params: {}, limits: { timeoutMs: options.timeoutMs ?? 20_000, memoryBytes: 256 * 2 ** 20 } },
    { bridges: capabilities.bridges, services: capabilities.services, onEvent: (e) => events.push(e) },
  );
  return { controller, events };
}

async function run(engine: Engine, code: string, options: { home?: string } = {}): Promise<{ outcome: RunOutcome; events: RunEvent[]; stdout: string }> {
  const { controller, events } = start(engine, code, options);
  const outcome = await controller.done;
  const stdout = events.flatMap((e) => (e.type === 'output' && e.stream === 'stdout' ? [e.text] : [])).join('');
  return { outcome, events, stdout };
}

const SPELLS: Record<Engine, string> = {
  lua: `
tools.register("shout", "Upper-cases text", { type = "object", properties = { text = { type = "string" } }, required = { "text" } }, function(p)
  print("shout ran in the spell: " .. p.text)
  return { loud = string.upper(p.text) }
end)
local agent = agents.new({ name = "helper", system_prompt = "Use your tools.", tools = { "shout", "calculator" }, max_steps = 4 })
local answer, err = agent:run("shout hi, then 6*7")
print(answer, err)
`,
  javascript: `
tools.register({
  name: "shout", description: "Upper-cases text",
  parameters: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  run: (p) => { console.log("shout ran in the spell: " + p.text); return { loud: p.text.toUpperCase() }; },
});
const agent = agents.create({ name: "helper", systemPrompt: "Use your tools.", tools: ["shout", "calculator"], maxSteps: 4 });
try { console.log(await agent.run("shout hi, then 6*7") + "\\tnil"); } catch (e) { console.log("nil\\t" + e.message); }
`,
  tengo: `
fmt := import("fmt")
text := import("text")
tools := import("tools")
agents := import("agents")
tools.register("shout", "Upper-cases text", {type: "object", properties: {text: {type: "string"}}, required: ["text"]}, func(p) {
  fmt.println("shout ran in the spell: " + p.text)
  return {loud: text.to_upper(p.text)}
})
agent := agents.create({name: "helper", system_prompt: "Use your tools.", tools: ["shout", "calculator"], max_steps: 4})
answer := agent.run("shout hi, then 6*7")
if is_error(answer) { fmt.println("nil\\t" + string(answer.value)) } else { fmt.println(answer + "\\tnil") }
`,
};

/** What the model was sent, call ids made run-independent (the server numbers its answers). */
function transcript(from: number): unknown[] {
  return llm.requests.slice(from).map((r) => JSON.parse(JSON.stringify(r.body).replace(/call_\d+_/g, 'call_N_')) as unknown);
}

const toolEvents = (events: RunEvent[]) =>
  events.flatMap((e) => (e.type === 'tool-call' || e.type === 'tool-result' ? [{ ...e, runId: undefined }] : []));

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('one host agent loop for Lua, JavaScript and Tengo', () => {
  it('runs the same agent the same way in each: a spell tool in the engine, a built-in tool on the host, identical transcripts', async () => {
    const seen: Record<Engine, { transcript: unknown[]; tools: unknown[]; stdout: string; methods: string[] }> = {} as never;
    for (const engine of ['lua', 'javascript', 'tengo'] as const) {
      const from = llm.requests.length;
      llm.enqueue(
        { toolCalls: [{ name: 'shout', arguments: { text: 'hi' } }, { name: 'calculator', arguments: { expression: '6*7' } }] },
        { content: 'HI, and 42.' },
      );
      const { outcome, events, stdout } = await run(engine, SPELLS[engine]);
      expect(outcome.error).toBeUndefined();
      const methods = events.flatMap((e) => (e.type === 'call' ? [e.method] : []));
      seen[engine] = { transcript: transcript(from), tools: toolEvents(events), stdout, methods };
    }
    const lua = seen.lua;
    expect(lua.stdout).toBe('shout ran in the spell: hi\nHI, and 42.\tnil\n');
    expect(lua.transcript).toHaveLength(2);
    const second = lua.transcript[1] as { messages: { role: string; content: string | null; tool_call_id?: string }[]; tools: { function: { name: string } }[] };
    expect(second.tools.map((t) => t.function.name)).toEqual(['shout', 'calculator']);
    expect(second.messages.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'call_N_0', content: '{"loud":"HI"}' },
      { role: 'tool', tool_call_id: 'call_N_1', content: '42' },
    ]);
    expect(lua.tools).toEqual([
      { type: 'tool-call', runId: undefined, tool: 'shout', arguments: { text: 'hi' } },
      { type: 'tool-result', runId: undefined, tool: 'shout', ok: true, result: { loud: 'HI' } },
      { type: 'tool-call', runId: undefined, tool: 'calculator', arguments: { expression: '6*7' } },
      { type: 'tool-result', runId: undefined, tool: 'calculator', ok: true, result: 42 },
    ]);
    // The turn was one host call; the model calls and the built-in tool were the host's, in its loop.
    for (const engine of ['lua', 'javascript', 'tengo'] as const) {
      const { methods } = seen[engine];
      expect(methods.filter((m) => m === 'agents.turn')).toHaveLength(1);
      expect(methods.filter((m) => m === 'llm.tool_chat')).toHaveLength(2);
      expect(methods).toContain('agents.tool_result');
      expect(methods).toContain('tools.builtin_execute');
    }
    // JavaScript and Tengo: the same conversation, the same events, the same answer.
    for (const engine of ['javascript', 'tengo'] as const) {
      expect(seen[engine].transcript).toEqual(lua.transcript);
      expect(seen[engine].tools).toEqual(lua.tools);
      expect(seen[engine].stdout).toBe(lua.stdout);
    }
  });

  it('streams a turn that calls a spell tool: the chunks reach the callback, the tool runs in the engine', async () => {
    const STREAM: Record<Engine, string> = {
      lua: `tools.register("shout", "Upper-cases text", { type = "object" }, function(p) return string.upper(p.text) end)
agents.create({ name = "s", tools = { "shout" } })
local chunks = {}
print(agents.stream("s", "go", function(c) chunks[#chunks + 1] = c end), table.concat(chunks, "|"))`,
      javascript: `tools.register({ name: "shout", description: "Upper-cases text", run: (p) => p.text.toUpperCase() });
agents.create({ name: "s", tools: ["shout"] });
const chunks = [];
const answer = await agents.stream("s", "go", (c) => { chunks.push(c); });
console.log(answer + "\\t" + chunks.join("|"));`,
      tengo: `fmt := import("fmt")
text := import("text")
tools := import("tools")
agents := import("agents")
tools.register("shout", "Upper-cases text", {type: "object"}, func(p) { return text.to_upper(p.text) })
agents.create({name: "s", tools: ["shout"]})
chunks := []
answer := agents.stream("s", "go", func(c) { chunks = append(chunks, c) })
fmt.println(answer + "\\t" + text.join(chunks, "|"))`,
    };
    const outputs: Record<string, string> = {};
    for (const engine of ['lua', 'javascript', 'tengo'] as const) {
      const from = llm.requests.length;
      llm.enqueue({ toolCalls: [{ name: 'shout', arguments: { text: 'hey' } }] }, { content: 'It says HEY now.' });
      const { outcome, stdout } = await run(engine, STREAM[engine]);
      expect(outcome.error).toBeUndefined();
      const bodies = llm.requests.slice(from).map((r) => r.body as { stream?: boolean; messages: { role: string; content: string }[] });
      expect(bodies.map((b) => b.stream)).toEqual([true, true]);
      expect(bodies[1]?.messages.at(-1)).toMatchObject({ role: 'tool', content: '"HEY"' });
      outputs[engine] = stdout;
    }
    // Lua's go-llmspell stream returns true; JavaScript and Tengo return the answer.
    expect(outputs.lua).toMatch(/^true\t\S.*\|/);
    expect(outputs.lua!.split('\t')[1]?.replaceAll('|', '')).toBe('It says HEY now.\n');
    expect(outputs.javascript).toBe(`It says HEY now.\t${outputs.lua!.split('\t')[1]}`);
    expect(outputs.tengo).toBe(outputs.javascript);
  });

  it("counts the loop's model calls against the run's LLM budget", async () => {
    const home = path.join(ws.dir, 'budget-home');
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'config.yaml'), 'limits:\n  llm_calls: 1\n');
    for (const engine of ['lua', 'javascript', 'tengo'] as const) {
      const from = llm.requests.length;
      llm.enqueue({ toolCalls: [{ name: 'calculator', arguments: { expression: '1+1' } }] }); // a second call would be refused
      const { outcome, stdout } = await run(engine, SPELLS[engine], { home });
      expect(outcome.error).toBeUndefined();
      expect(stdout).toMatch(/^nil\tagent 'helper': LLM budget reached: /m);
      expect(llm.requests.length - from).toBe(1);
    }
  });
});

describe('cancelling an agent turn ends the loop on both sides', () => {
  it.each(['lua', 'javascript', 'tengo'] as const)('%s: Stop while the host waits for the model ends the run and the loop', async (engine) => {
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'shout', arguments: { text: 'hi' } }] }, { hang: true });
    const { controller, events } = start(engine, SPELLS[engine]);
    await until(() => llm.requests.length - from === 2, 'the second model call');
    const stoppedAt = Date.now();
    controller.stop('stopped by the user', 'stopped', 5000);
    const outcome = await controller.done;
    expect(outcome.error?.code).toBe('stopped');
    expect(Date.now() - stoppedAt).toBeLessThan(5000); // the waiting engine ended at once, not at the kill
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(llm.requests.length - from).toBe(2);
    // The spell's tool ran before; the turn never answered.
    expect(toolEvents(events).map((e) => e.tool)).toEqual(['shout', 'shout']);
    expect(events.some((e) => e.type === 'call' && e.method === 'agents.turn')).toBe(false);
  });

  it.each([
    ['lua', 'tools.register("spin", "never ends", { type = "object" }, function() while true do end end)\nlocal a = agents.new({ name = "s", tools = { "spin" } })\nprint(a:run("spin"))'],
    ['javascript', 'tools.register({ name: "spin", description: "never ends", run: () => { for (;;) {} } });\nconst a = agents.create({ name: "s", tools: ["spin"] });\nconsole.log(await a.run("spin"));'],
    ['tengo', 'tools := import("tools")\nagents := import("agents")\ntools.register("spin", "never ends", {type: "object"}, func(p) { for {} })\na := agents.create({name: "s", tools: ["spin"]})\na.run("spin")'],
  ] as const)('%s: the time limit ends a turn whose spell tool never returns; the host asks the model no more', async (engine, code) => {
    const from = llm.requests.length;
    llm.enqueue({ toolCalls: [{ name: 'spin', arguments: {} }] }); // a second model call would get the echo
    const { controller } = start(engine, code, { timeoutMs: 4000 });
    const outcome = await controller.done;
    expect(outcome.error?.code).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(llm.requests.length - from).toBe(1);
  });
});
