import { afterAll, describe, expect, it } from 'vitest';
import { ofType, runFile, scriptedLlm, workflowFolder, type ScriptedAnswer } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());
let n = 0;
const run = (text: string, answer?: (prompt: string, call: number) => ScriptedAnswer, inputs: Record<string, unknown> = {}) => {
  const llm = scriptedLlm(answer);
  return runFile(folder.write(`flow${++n}.workflow.yaml`, text), { inputs, host: { llm: llm.llm } }).then((r) => ({ ...r, llm }));
};

const fanOut = (aggregate: string) => `name: fan
nodes:
  - { id: items, type: transform, config: { value: [a, b, c] } }
  - id: each
    type: parallel
    config:
      aggregate: ${aggregate}
      body:
        nodes:
          - { id: ask, type: llm, config: { prompt: "{{item}}#{{index}}" } }
edges:
  - { from: items, to: each.items }
`;

describe('parallel node', () => {
  it('runs one body per item concurrently and aggregates as a list, in item order', async () => {
    const { outcome, events, llm } = await run(fanOut('list'), (p) => ({ text: p.toUpperCase(), delayMs: p.startsWith('a') ? 40 : 5 }));
    expect(outcome.outputs).toEqual({ each: ['A#0', 'B#1', 'C#2'] });
    expect(llm.peak).toBe(3);
    expect(ofType(events, 'node-finished').map((e) => e.nodeId)).toEqual(['items', 'each[1]/ask', 'each[2]/ask', 'each[0]/ask', 'each']);
  });

  it('aggregates as a map by item', async () => {
    expect((await run(fanOut('map'))).outcome.outputs).toEqual({ each: { a: 're: a#0', b: 're: b#1', c: 're: c#2' } });
  });

  it('takes the first result and cancels the other branches', async () => {
    const { outcome, llm } = await run(fanOut('first'), (p) => ({ text: p, delayMs: p.startsWith('b') ? 5 : 2000 }));
    expect(outcome.outputs).toEqual({ each: 'b#1' });
    expect(llm.aborted.sort()).toEqual(['a#0', 'c#2']);
  });

  it('still takes the first success when some branches fail, and fails when all do', async () => {
    expect((await run(fanOut('first'), (p) => (p.startsWith('c') ? { text: 'ok', delayMs: 20 } : { fail: 'nope' }))).outcome.outputs).toEqual({ each: 'ok' });
    const { outcome } = await run(fanOut('first'), () => ({ fail: 'nope' }));
    expect(outcome.error?.message).toMatch(/^node 'each\[\d\]\/ask' \(llm\): nope$/);
  });

  it('votes: the most common answer wins, counted case- and space-insensitively', async () => {
    const { outcome, events } = await run(`name: vote
nodes:
  - id: judges
    type: parallel
    config:
      aggregate: vote
      branches:
        one: { nodes: [{ id: j, type: llm, config: { prompt: "judge {{branch}}" } }] }
        two: { nodes: [{ id: j, type: llm, config: { prompt: "judge {{branch}}" } }] }
        three: { nodes: [{ id: j, type: llm, config: { prompt: "judge {{branch}}" } }] }
  - { id: tally, type: output, config: { name: votes } }
  - { id: winner, type: output, config: { name: winner } }
edges:
  - { from: judges.votes, to: tally }
  - { from: judges, to: winner }
`, (p) => ({ text: p.endsWith('two') ? 'No' : p.endsWith('one') ? 'Yes' : ' yes ' }));
    expect(outcome.outputs).toEqual({ winner: 'Yes', votes: [{ value: 'Yes', count: 2 }, { value: 'No', count: 1 }] });
    expect(ofType(events, 'node-started').map((e) => e.nodeId).filter((id) => id.includes('/'))).toEqual(['judges.one/j', 'judges.two/j', 'judges.three/j']);
  });
});

describe('loop node', () => {
  const refine = (mode: string) => `name: loop
nodes:
  - { id: seed, type: transform, config: { value: "v" } }
  - id: improve
    type: loop
    config:
      ${mode}
      body:
        nodes:
          - { id: step, type: transform, config: { template: "{{draft}}+" } }
          - { id: out, type: output, config: { name: draft } }
        edges:
          - { from: step, to: out }
edges:
  - { from: seed, to: improve.draft }
`;

  it('runs count times, feeding each round\'s outputs into the next', async () => {
    const { outcome } = await run(refine('count: 3'));
    expect(outcome.outputs).toEqual({ improve: 'v+++' });
  });

  it('stops when until holds (after a round) or while stops holding (before a round)', async () => {
    expect((await run(refine('until: "len(draft) >= 4"\n      max_iterations: 10'))).outcome.outputs).toEqual({ improve: 'v+++' });
    expect((await run(refine('while: "iteration <= 2"'))).outcome.outputs).toEqual({ improve: 'v++' });
  });

  it('fails at max_iterations, or finishes there with on_limit: finish', async () => {
    const failed = await run(refine('until: "false"\n      max_iterations: 4'));
    expect(failed.outcome.error?.message).toBe("node 'improve' (loop): reached max_iterations (4) before its until condition ended it (set on_limit: finish to keep the last result)");
    const finished = await run(refine('until: "false"\n      max_iterations: 4\n      on_limit: finish'));
    expect(finished.outcome.outputs).toEqual({ improve: 'v++++' });
  });

  it('goes through a list with for_each, collecting every round\'s result', async () => {
    const { outcome, events } = await run(`name: each
nodes:
  - { id: list, type: transform, config: { value: [1, 2, 3] } }
  - id: each
    type: loop
    config:
      for_each: true
      body: { nodes: [{ id: sq, type: transform, config: { expression: "item * item + index" } }] }
  - { id: n, type: output, config: { name: rounds } }
  - { id: all, type: output, config: { name: all } }
edges:
  - { from: list, to: each.items }
  - { from: each.iterations, to: n }
  - { from: each, to: all }
`);
    expect(outcome.outputs).toEqual({ all: [1, 5, 11], rounds: 3 });
    expect(ofType(events, 'node-finished').map((e) => e.nodeId)).toContain('each[3]/sq');
  });
});

describe('nested workflows', () => {
  it('runs another workflow file as a node, with typed inputs, and a body given as a file', async () => {
    folder.write('inner.workflow.yaml', `name: inner
inputs:
  word: { type: string, required: true }
  times: { type: integer, default: 2 }
outputs:
  said: { type: string }
nodes:
  - { id: say, type: transform, config: { expression: "upper(word) + '!' + string(times)" } }
  - { id: said, type: output, config: { name: said } }
edges:
  - { from: say, to: said }
`);
    folder.write('per-item.workflow.yaml', 'name: per-item\ninputs:\n  item: { type: string }\n  index: { type: integer }\nnodes:\n  - { id: t, type: transform, config: { template: "{{item}}:{{index}}" } }\n');
    const { outcome, events } = await run(`name: outer
nodes:
  - { id: w, type: transform, config: { value: hi } }
  - { id: sub, type: workflow, config: { workflow: inner.workflow.yaml, inputs: { times: "3" } } }
  - { id: list, type: transform, config: { value: [a, b] } }
  - { id: each, type: loop, config: { for_each: true, body: per-item.workflow.yaml } }
edges:
  - { from: w, to: sub.word }
  - { from: list, to: each.items }
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.sub).toEqual({ said: 'HI!3' });
    expect(outcome.outputs.each).toEqual(['a:0', 'b:1']);
    expect(ofType(events, 'node-finished').map((e) => e.nodeId)).toContain('sub/say');
  });

  it('refuses a workflow that runs itself, naming the chain', async () => {
    folder.write('loop-a.workflow.yaml', 'name: a\nnodes:\n  - { id: b, type: workflow, config: { workflow: loop-b.workflow.yaml } }\n');
    folder.write('loop-b.workflow.yaml', 'name: b\nnodes:\n  - { id: a, type: workflow, config: { workflow: loop-a.workflow.yaml } }\n');
    const { outcome } = await runFile(`${folder.dir}/loop-a.workflow.yaml`);
    expect(outcome.error?.message).toBe("node 'b/a' (workflow): nested workflow cycle: loop-a.workflow.yaml → loop-b.workflow.yaml → loop-a.workflow.yaml");
  });

  it('reports the problems of an invalid nested file', async () => {
    folder.write('broken.workflow.yaml', 'name: broken\nnodes:\n  - { id: x, type: nope }\n');
    const { outcome } = await run('name: o\nnodes:\n  - { id: sub, type: workflow, config: { workflow: broken.workflow.yaml } }\n');
    expect(outcome.error?.message).toMatch(/^node 'sub' \(workflow\): .*broken\.workflow\.yaml:3: node 'x': nodes\[0\]\.type: unknown node type 'nope'/);
  });
});
