import { afterAll, describe, expect, it } from 'vitest';
import { ofType, runFile, workflowFolder } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());
let n = 0;
const run = (text: string, inputs: Record<string, unknown> = {}) => runFile(folder.write(`data${++n}.workflow.yaml`, text), { inputs });

describe('input, output and transform nodes', () => {
  it('reads typed inputs, fills declared outputs, and transforms by path, template, value and expression', async () => {
    const { outcome } = await run(
      `name: data
inputs:
  doc: { type: object }
  n: { type: integer, default: 2 }
outputs:
  title: { type: string }
  line: { type: string }
  shaped: { type: object }
  doubled: { type: number }
nodes:
  - { id: doc, type: input, config: { name: doc, type: object } }
  - { id: all, type: input }
  - { id: title, type: transform, config: { path: "$.items[-1].title" } }
  - { id: line, type: transform, config: { template: "{{ upper(title) }} x{{n}}" } }
  - { id: shaped, type: transform, config: { value: { names: "{{ all.doc.items }}", count: "{{ len(all.doc.items) }}", note: "n={{n}}" } } }
  - { id: doubled, type: transform, config: { expression: "n * 2.5" } }
  - { id: o1, type: output, config: { name: title } }
  - { id: o2, type: output, config: { name: line } }
  - { id: o3, type: output, config: { name: shaped } }
  - { id: o4, type: output, config: { name: doubled } }
edges:
  - { from: doc, to: title }
  - { from: title, to: line.title }
  - { from: all, to: shaped.all }
  - { from: title, to: o1 }
  - { from: line, to: o2 }
  - { from: shaped, to: o3 }
  - { from: doubled, to: o4 }
`,
      { doc: { items: [{ title: 'first' }, { title: 'last' }] }, n: '3' },
    );
    expect(outcome.ok).toBe(true);
    expect(outcome.outputs).toEqual({
      title: 'last',
      line: 'LAST x3',
      shaped: { names: [{ title: 'first' }, { title: 'last' }], count: 2, note: 'n=3' },
      doubled: 7.5,
    });
  });

  it('refuses bad inputs before starting, and a wrong output type at the end', async () => {
    const text = 'name: t\ninputs:\n  n: { type: integer, required: true }\noutputs:\n  o: { type: string }\nnodes:\n  - { id: v, type: transform, config: { expression: "n" } }\n  - { id: o, type: output, config: { name: o } }\nedges:\n  - { from: v, to: o }\n';
    await expect(run(text, { n: 'lots' })).rejects.toThrow("parameter 'n': expected an integer, got \"lots\"");
    await expect(run(text, {})).rejects.toThrow("missing required parameter 'n'");
    const { outcome } = await run(text, { n: 4 });
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toMatch(/output 'o' should be string, got number$/);
  });

  it('without output nodes, returns each sink node\'s output by id', async () => {
    const { outcome } = await run('name: sinks\nnodes:\n  - { id: a, type: transform, config: { value: 1 } }\n  - { id: b, type: transform, config: { template: "{{x}}!" } }\nedges:\n  - { from: a, to: b.x }\n');
    expect(outcome.outputs).toEqual({ b: '1!' });
  });
});

describe('merge and condition nodes', () => {
  const branching = (mode: string, condition: string) => `name: route
inputs:
  score: { type: number }
nodes:
  - { id: score, type: input, config: { name: score } }
  - { id: check, type: condition, config: ${condition} }
  - { id: high, type: transform, config: { template: "high {{input}}" } }
  - { id: low, type: transform, config: { template: "low {{input}}" } }
  - { id: mid, type: transform, config: { template: "mid {{input}}" } }
  - { id: join, type: merge, config: { mode: ${mode} } }
edges:
  - { from: score, to: check }
  - { from: check.high, to: high.input }
  - { from: check.low, to: low.input }
  - { from: check.else, to: mid.input }
  - { from: high, to: join }
  - { from: low, to: join }
  - { from: mid, to: join }
`;
  const cases = '{ cases: [{ when: "score > 0.8", port: high }, { when: "score < 0.2", port: low }] }';

  it('routes by the first matching case; the branches not taken are skipped', async () => {
    const { outcome, events } = await run(branching('first', cases), { score: 0.9 });
    expect(outcome.outputs).toEqual({ join: 'high 0.9' });
    expect(ofType(events, 'node-skipped').map((e) => e.nodeId).sort()).toEqual(['low', 'mid']);
    expect((await run(branching('first', cases), { score: 0.1 })).outcome.outputs).toEqual({ join: 'low 0.1' });
    expect((await run(branching('list', cases), { score: 0.5 })).outcome.outputs).toEqual({ join: ['mid 0.5'] });
  });

  it('routes an expression to true or false, and reports the branch taken', async () => {
    const { outcome } = await run(`name: tf
nodes:
  - { id: v, type: transform, config: { value: 7 } }
  - { id: big, type: condition, config: { expression: "input > 5" } }
  - { id: yes, type: transform, config: { template: "yes {{input}}" } }
  - { id: no, type: transform, config: { template: "no" } }
  - { id: which, type: output, config: { name: which } }
  - { id: said, type: output, config: { name: said } }
edges:
  - { from: v, to: big }
  - { from: big.true, to: yes.input }
  - { from: big.false, to: no.input }
  - { from: big.branch, to: which }
  - { from: yes, to: said }
`);
    expect(outcome.outputs).toEqual({ which: 'true', said: 'yes 7' });
  });

  it('merges as list, object by port name, and joined text', async () => {
    const text = (mode: string) => `name: m
nodes:
  - { id: a, type: transform, config: { value: A } }
  - { id: b, type: transform, config: { value: B } }
  - { id: m, type: merge, config: { mode: ${mode}, separator: "+" } }
edges:
  - { from: a, to: m.first }
  - { from: b, to: m.second }
`;
    expect((await run(text('list'))).outcome.outputs).toEqual({ m: ['A', 'B'] });
    expect((await run(text('object'))).outcome.outputs).toEqual({ m: { first: 'A', second: 'B' } });
    expect((await run(text('concat'))).outcome.outputs).toEqual({ m: 'A+B' });
  });
});
