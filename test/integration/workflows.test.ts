import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowEvent } from '../../runtime/contract/workflow-events';
import { CLI, ROOT, runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';

/** Engine processes whose parent is `pid`. */
function childEngines(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return cmdline.includes('engine-process.cjs') && new RegExp(`^PPid:\\s+${pid}$`, 'm').test(readFileSync(`/proc/${entry}/status`, 'utf8'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

const ws = tempWorkspace('llmspell-wf-cli-');
const home = path.join(ws.dir, 'home');
const env = { LLMSPELL_HOME: home, HOME: ws.dir };
const example = (name: string) => path.join(ROOT, 'spells', 'workflows', `${name}.workflow.yaml`);
let server: LlmServer;
beforeAll(async () => {
  mkdirSync(home, { recursive: true });
  server = await startLlmServer();
});
afterAll(async () => {
  await server.close();
  ws.cleanup();
});

/** JSON lines of a --json run, each checked against the event schema. */
function eventsOf(stdout: string): WorkflowEvent[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => WorkflowEvent.parse(JSON.parse(line)));
}

describe('llmspell run <file>.workflow.yaml', () => {
  it('runs the three examples offline on the mock provider', async () => {
    const research = await runCli(['run', example('research-fanout'), 'topic=coral reefs'], { env });
    expect(research.code).toBe(0);
    expect(research.stdout).toContain("Write a report on coral reefs from these notes:\n[Mock LLM Response] I received your prompt: 'Research coral reefs from this angle: mock.");
    expect(research.stderr).toMatch(/▸ research-fanout: 5 nodes\n[\s\S]*✓ research\[2\]\/notes \(llm\)[\s\S]*✓ done in/);

    const route = await runCli(['run', example('classify-and-route'), 'message=I have a question about sizes', '--json'], { env });
    expect(route.code).toBe(0);
    const finished = eventsOf(route.stdout).at(-1);
    expect(finished).toMatchObject({ type: 'run-finished', ok: true, outputs: { route: 'question' } });

    const refine = await runCli(['run', example('draft-critique-refine')], { env });
    expect(refine.code).toBe(0);
    expect(JSON.parse(refine.stdout)).toMatchObject({ rounds: 3, essay: expect.stringContaining('Rewrite the draft using the critique.') });
  });

  it('prints every event as a JSON line with --json, in order', async () => {
    const result = await runCli(['run', example('research-fanout'), '--json'], { env });
    const events = eventsOf(result.stdout);
    expect(events[0]).toMatchObject({ type: 'run-started', workflow: 'research-fanout', nodes: 5 });
    expect(events.filter((e) => e.type === 'node-finished').map((e) => (e.type === 'node-finished' ? e.nodeId : ''))).toEqual([
      'plan',
      'angles',
      'research[0]/notes',
      'research[1]/notes',
      'research[2]/notes',
      'research',
      'summarize',
      'report',
    ]);
    expect(events.some((e) => e.type === 'token')).toBe(true);
  });

  it('re-runs --from a node, reusing cached results of the nodes before it (across processes)', async () => {
    const first = await runCli(['run', example('research-fanout'), 'topic=otters'], { env });
    const again = await runCli(['run', example('research-fanout'), 'topic=otters', '--from', 'summarize', '--json'], { env });
    expect(again.code).toBe(0);
    const finished = eventsOf(again.stdout).filter((e): e is Extract<WorkflowEvent, { type: 'node-finished' }> => e.type === 'node-finished');
    expect(finished.filter((e) => e.cached).map((e) => e.nodeId)).toEqual(['plan', 'research']);
    expect(finished.find((e) => e.nodeId === 'summarize')?.cached).toBe(false);
    expect(eventsOf(again.stdout).at(-1)).toMatchObject({ outputs: { report: first.stdout.trimEnd() } });
    const bad = await runCli(['run', example('research-fanout'), '--from', 'nowhere'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from nowhere: no such node');
  });

  it('talks to a real OpenAI-compatible endpoint when one is configured', async () => {
    server.requests.length = 0;
    const result = await runCli(['run', example('draft-critique-refine'), 'topic=owls'], {
      env: { ...env, MOCK_LLM: '', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url },
    });
    expect(result.code).toBe(0);
    expect(server.requests).toHaveLength(7);
    expect(JSON.parse(result.stdout).essay).toMatch(/^echo: Rewrite the draft using the critique\./);
  });

  it('refuses bad inputs and invalid files with exit code 2, listing every problem', async () => {
    const file = ws.write('typed.workflow.yaml', 'name: typed\ninputs:\n  n: { type: integer, required: true }\nnodes:\n  - { id: v, type: transform, config: { expression: "n * 2" } }\n');
    const missing = await runCli(['run', file], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required parameter 'n'");
    expect((await runCli(['run', file, 'n=21'], { env })).stdout).toBe('{\n  "v": 42\n}\n');

    const broken = ws.write('broken.workflow.yaml', 'name: broken\nnodes:\n  - { id: a, type: lmm }\n  - { id: b, type: llm, config: { prompt: "{{a}}" } }\nedges:\n  - { from: a, to: b.a }\n  - { from: b, to: a }\n');
    const run = await runCli(['run', broken], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid workflow (1 problem)');
    expect(run.stderr).toContain("broken.workflow.yaml:3: node 'a': nodes[0].type: unknown node type 'lmm'");

    const validate = await runCli(['validate', broken], { env });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain("broken.workflow.yaml:3: node 'a': nodes[0].type: unknown node type 'lmm'");
    const ok = await runCli(['validate', example('classify-and-route'), '--json'], { env });
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, name: 'classify-and-route', problems: [], warnings: [] });
  });

  it('asks human-input questions on the terminal', async () => {
    const file = ws.write('ask.workflow.yaml', 'name: ask\nnodes:\n  - { id: who, type: human, config: { prompt: Who are you? } }\n  - { id: hi, type: transform, config: { template: "hello {{who}}" } }\nedges:\n  - { from: who, to: hi.who }\n');
    const result = await runCli(['run', file], { env, input: 'Ada\n' });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('? Who are you? ');
    expect(result.stdout).toBe('hello Ada\n');
  });

  it('stops every node and engine process on Ctrl-C', async () => {
    const file = ws.write('spin.workflow.yaml', 'name: spin\nnodes:\n  - { id: a, type: script, config: { code: "while true do end" } }\n  - { id: b, type: script, config: { code: "while true do end" } }\n');
    const child = spawn(process.execPath, [CLI, 'run', file], { env: { PATH: process.env.PATH ?? '', MOCK_LLM: 'true', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Wait until both scripts spin in engine processes of their own.
    let engines: number[] = [];
    for (let i = 0; i < 200 && engines.length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      engines = childEngines(child.pid!);
    }
    expect(engines.length).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('workflow stopped: interrupted');
    expect(engines.filter(isAlive)).toEqual([]);
    expect(orphanedEngineProcesses()).toEqual([]);
  });
});

describe('the workflow bridge in Lua spells', () => {
  it('builds sequential, parallel, conditional and loop workflows from functions, llm and tool steps', async () => {
    const file = ws.write(
      'compose.lua',
      `
local seq = workflow.sequential{ name = "pipeline", steps = {
  { name = "ask", llm = "Say hi to {{input}}" },
  { name = "shout", run = function(s) return string.upper(s) end },
  function(v, state) return #state.results.ask .. ":" .. v:sub(1, 18) end,
} }
print(seq:run("Ada"))
local m = workflow.parallel{ steps = { a = function(x) return x * 2 end, b = function(x) return x + 1 end }, aggregate = "map" }:run(10)
print(m.a, m.b)
print(workflow.parallel{ steps = { function() return "Yes" end, function() return "no" end, function() return " yes" end }, aggregate = "vote" }:run())
local cond = workflow.conditional{ condition = function(x) return x > 5 end, branches = { [true] = function() return "big" end, [false] = function() return "small" end } }
print(cond:run(7), cond:run(2))
print(workflow.loop{ step = function(x) return x * 2 end, until_ = function(v) return v > 100 end, max_iterations = 20 }:run(3))
local each = workflow.loop{ step = { tool = "calculator", params = { expression = "{{input}} * 10" } }, for_each = { "1", "2" } }:run()
print(each[1], each[2])
print(workflow.sequential{ steps = { function() error("boom", 0) end } }:run(1))
print(workflow.loop{ step = function(x) return x end, ["until"] = function() return false end, max_iterations = 2 }:run(1))
`,
    );
    const result = await runCli(['run', file], { env });
    expect(result.stderr).not.toContain('error');
    expect(result.stdout).toBe(
      [
        "59:[MOCK LLM RESPONSE",
        '20\t11',
        'Yes',
        'big\tsmall',
        '192',
        '10\t20',
        "nil\tworkflow 'sequential': step 'step 1' failed: boom",
        "nil\tworkflow 'loop': reached max_iterations (2) before the loop's condition ended it",
        '',
      ].join('\n'),
    );
  });

  it('loads a workflow file and runs it in the host: outputs, events, and nil + error', async () => {
    const file = ws.write(
      'load.lua',
      `
local wf = assert(workflow.load("${example('classify-and-route')}"))
print(wf.name, #wf.inputs, wf.outputs[1], wf.outputs[2])
local seen = {}
local out = assert(wf:run({ message = "I love it, praise to the team" }, { on_event = function(e) seen[#seen + 1] = e.type end }))
print(out.route, out.reply, seen[1], seen[#seen])
print(wf:run({ message = 42 }))
print(workflow.load("missing.workflow.yaml"))
print(pcall(workflow.load, 42))
`,
    );
    const result = await runCli(['run', file], { env, cwd: ws.dir });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('classify-and-route\t1\troute\treply');
    expect(lines[1]).toBe('praise\tThank you for your kind words! We passed them on to the team.\trun-started\trun-finished');
    expect(lines[2]).toMatch(/^nil\tworkflow 'classify-and-route': workflow\.run_file: .*classify-and-route\.workflow\.yaml: parameter 'message': expected a string, got 42$/);
    expect(lines[3]).toBe('nil\tworkflow.load_file: missing.workflow.yaml: no such workflow file');
    expect(lines[4]).toMatch(/^false\t.*workflow\.load: bad argument #1 'path' \(string expected, got number\)$/);
  });
});
