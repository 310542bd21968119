import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Supervisor } from '../../../runtime/host/supervisor';
import { WorkflowAbort } from '../../../runtime/workflows/util/abort';
import { isAlive } from '../../helpers/processes';
import { ofType, runFile, testBudget, workflowFolder } from './workflow-harness';

const folder = workflowFolder();
const supervisor = new Supervisor({ poolSize: 0, refillPool: false });
afterAll(async () => {
  await supervisor.close();
  folder.remove();
});
let n = 0;
const run = (text: string, extra: Parameters<typeof runFile>[1] = {}) => runFile(folder.write(`eng${++n}.workflow.yaml`, text), { ...extra, host: { budget: testBudget(supervisor), ...extra.host } });

/** Engine processes that are children of this test process. */
function ownEngines(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('engine-process.cjs') && new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('script node', () => {
  it('runs inline Lua in the sandbox: inputs in, return value out, prints as events', async () => {
    const { outcome, events } = await run(`name: lua
inputs:
  n: { type: integer, default: 4 }
nodes:
  - { id: words, type: transform, config: { value: [b, a, c] } }
  - id: sq
    type: script
    config:
      code: |
        print("squaring", inputs.n)
        table.sort(inputs.words)
        return { square = inputs.n * inputs.n, words = inputs.words, has_io = io ~= nil, has_os = os ~= nil }
edges:
  - { from: words, to: sq.words }
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.sq).toEqual({ square: 16, words: ['a', 'b', 'c'], has_io: true, has_os: false });
    expect(ofType(events, 'node-output')).toMatchObject([{ nodeId: 'sq', stream: 'stdout', text: 'squaring\t4\n' }]);
  });

  it('runs inline JavaScript the same way', async () => {
    const { outcome } = await run(`name: js
nodes:
  - id: cube
    type: script
    config:
      language: javascript
      code: |
        const n = inputs.n ?? 3;
        return { cube: n ** 3, sorted: [3, 1, 2].sort() };
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.cube).toEqual({ cube: 27, sorted: [1, 2, 3] });
  });

  it('runs inline Tengo the same way, with its errors at the script line', async () => {
    const { outcome, events } = await run(`name: tengo
inputs:
  n: { type: integer, default: 5 }
nodes:
  - { id: words, type: transform, config: { value: [b, a, c] } }
  - id: sq
    type: script
    config:
      language: tengo
      code: |
        fmt := import("fmt")
        fmt.println("squaring ", inputs.n)
        return {square: inputs.n * inputs.n, words: append(copy(inputs.words), "d"), kind: type_name(inputs)}
edges:
  - { from: words, to: sq.words }
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.sq).toEqual({ square: 25, words: ['b', 'a', 'c', 'd'], kind: 'immutable-map' });
    expect(ofType(events, 'node-output')).toMatchObject([{ nodeId: 'sq', stream: 'stdout', text: 'squaring 5\n' }]);
    const failed = await run('name: bad\nnodes:\n  - id: boom\n    type: script\n    config:\n      language: tengo\n      code: |\n        x := 1\n        return x + "a"\n');
    expect(failed.outcome.error?.message).toMatch(/^node 'boom' \(script\): Runtime Error: invalid operation: int \+ string\n\tat eng\d+\.workflow\.yaml\[boom\]:2:8/);
  });

  it('reports a script error with the script line and the node', async () => {
    const { outcome } = await run('name: err\nnodes:\n  - id: boom\n    type: script\n    config:\n      code: |\n        local x = 1\n        error("bad thing")\n');
    expect(outcome.error?.message).toMatch(/^node 'boom' \(script\): eng\d+\.workflow\.yaml\[boom\]:2: bad thing/);
  });

  it('stops the engine process when the node times out or the run is cancelled', async () => {
    const busy = (timeout: string) => `name: busy\nnodes:\n  - { id: spin, type: script, ${timeout} config: { code: "while true do end" } }\n`;
    const before = ownEngines();
    const timedOut = await run(busy('timeout: 0.3,'));
    expect(timedOut.outcome.error).toMatchObject({ code: 'timeout', message: "node 'spin' (script): timed out after 0.3 s" });
    const controller = new AbortController();
    const started = run(busy(''), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const spinning = ownEngines().filter((pid) => !before.includes(pid));
    expect(spinning.length).toBeGreaterThan(0);
    controller.abort(new WorkflowAbort('interrupted'));
    expect((await started).outcome.error?.code).toBe('stopped');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(spinning.filter(isAlive)).toEqual([]);
  });
});

describe('spell node', () => {
  it('runs a Lua spell folder (workflow.output) and a JS spell file (default export) with templated params', async () => {
    mkdirSync(path.join(folder.dir, 'greeter'), { recursive: true });
    folder.write('greeter/main.lua', 'print("hi from lua")\nworkflow.output({ greeting = "hello " .. params.name, n = params.n })\n');
    folder.write('twice.js', 'export default async function (params) { console.log("js"); return { twice: params.n * 2 }; }\n');
    folder.write('printer.lua', 'print("just printing " .. params.what)\n');
    const { outcome } = await run(`name: spells
inputs:
  n: { type: integer, default: 21 }
nodes:
  - { id: greet, type: spell, config: { spell: greeter, params: { name: Ada, n: "{{n}}" } } }
  - { id: twice, type: spell, config: { spell: twice.js, params: { n: "{{n}}" } } }
  - { id: printed, type: spell, config: { spell: printer.lua, params: { what: text } } }
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs).toEqual({ greet: { greeting: 'hello Ada', n: 21 }, twice: { twice: 42 }, printed: 'just printing text' });
  });

  it('fails clearly without a supervisor, or for a spell that does not exist', async () => {
    const none = await runFile(folder.write('nosup.workflow.yaml', 'name: x\nnodes:\n  - { id: s, type: script, config: { code: "return 1" } }\n'));
    expect(none.outcome.error?.message).toBe("node 's' (script): this run has no engine supervisor, so spell and script nodes cannot run here");
    const missing = await run('name: x\nnodes:\n  - { id: s, type: spell, config: { spell: nowhere.lua } }\n');
    expect(missing.outcome.error?.message).toBe("node 's' (spell): no spell at nowhere.lua: the file or folder does not exist");
  });
});

describe('spell node permissions', () => {
  it('runs a spell with a manifest with no more than its permissions grant', async () => {
    mkdirSync(path.join(folder.dir, 'strict'), { recursive: true });
    // A declared but empty permissions section grants nothing (no section at all would mean the configured policy).
    folder.write('strict/spell.yaml', 'name: strict\nversion: 1.0.0\nentry: main.lua\npermissions: {}\n');
    folder.write('strict/main.lua', 'local v, err = tools.execute("calculator", { expression = "1+1" })\nworkflow.output(err or v)\n');
    const bridges = { 'tools.builtin_execute': async () => 2, 'tools.builtin_list': async () => [{ name: 'calculator', description: 'c', parameters: { type: 'object' } }] };
    const { outcome } = await run('name: p\nnodes:\n  - { id: s, type: spell, config: { spell: strict } }\n', { host: { bridges } });
    expect(outcome.outputs.s).toMatch(/^permission denied: the manifest of 'strict' does not grant the built-in tool 'calculator'/);
  });
});
