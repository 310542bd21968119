/**
 * The node descriptions in runtime/contract are the one description the validator and the canvas
 * share: every registered type is built on its description, and the canvas's connection check says
 * what the validator would say.
 */
import { describe, expect, it } from 'vitest';
import { connectionProblem, NODE_DESCRIPTIONS, nodeDescription, portsOf } from '../../../runtime/contract/workflow-nodes';
import { nodeTypes } from '../../../runtime/workflows/registry';
import { checkWorkflowText } from '../../../runtime/workflows/workflow-loader';

describe('workflow node descriptions', () => {
  it('back every registered node type, in palette order', () => {
    expect(nodeTypes.names()).toEqual(NODE_DESCRIPTIONS.map((d) => d.type));
    for (const description of NODE_DESCRIPTIONS) {
      const def = nodeTypes.get(description.type)!;
      expect(def.config).toBe(description.config);
      expect(def.outputs).toBe(description.outputs);
    }
  });

  it('give every type a starter config that parses', () => {
    for (const d of NODE_DESCRIPTIONS) expect(d.config.safeParse(d.starter ?? {}).success, d.type).toBe(true);
  });

  it('read ports from half-written configs without throwing', () => {
    const condition = nodeDescription('condition')!;
    expect(portsOf(condition, { cases: 'oops' }).outputs.map((p) => p.name)).toEqual(['true', 'false', 'branch']);
    expect(portsOf(condition, { cases: [{ when: 'x > 1', port: 'big' }] }).outputs.map((p) => p.name)).toEqual(['big', 'else', 'branch']);
    expect(portsOf(nodeDescription('llm')!, {}, 'fallback').outputs.map((p) => p.name)).toEqual(['output', 'error']);
  });

  it('refuse the edges the validator refuses, in its words', () => {
    const node = (id: string, type: string, config: unknown) => ({ id, type, ports: portsOf(nodeDescription(type)!, config) });
    const count = node('count', 'input', { name: 'n', type: 'number' });
    const out = node('out', 'output', { type: 'string' });
    const problem = connectionProblem({ source: count, sourcePort: 'output', target: out, targetPort: 'input', edges: [] });
    expect(problem).toBe('type mismatch: count.output gives number, but out.input takes string');
    const yaml = 'name: t\ninputs: { n: { type: number } }\nnodes:\n  - { id: count, type: input, config: { name: n, type: number } }\n  - { id: out, type: output, config: { type: string } }\nedges:\n  - { from: count, to: out }\n';
    const checked = checkWorkflowText(yaml, '/tmp/t.workflow.yaml', nodeTypes);
    expect(checked.ok ? [] : checked.problems.map((p) => p.message)).toContain(problem);

    const a = node('a', 'llm', { prompt: 'x' });
    const b = node('b', 'llm', { prompt: 'y' });
    expect(connectionProblem({ source: b, sourcePort: 'output', target: a, targetPort: 'draft', edges: [{ from: 'a', to: 'b.input' }] })).toMatch(/^cycle b → a/);
    expect(connectionProblem({ source: a, sourcePort: 'output', target: out, targetPort: 'input', edges: [{ from: 'count', to: 'out' }] })).toBe(
      "input 'out.input' already has an edge (from count.output); it takes one",
    );
    expect(connectionProblem({ source: a, sourcePort: 'nope', target: b, targetPort: 'input', edges: [] })).toBe("node 'a' (llm) has no output port 'nope'; its output ports: output");
    expect(connectionProblem({ source: a, sourcePort: 'output', target: b, targetPort: 'draft', edges: [] })).toBeUndefined();
  });
});
