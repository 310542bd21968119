/**
 * Canvas edits as YAML text edits: each one changes only the items it touches, so comments, key
 * order, quoting and unknown fields elsewhere survive byte for byte, and what comes out still
 * validates with the CLI's validator.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEdges, addNodes, moveNodes, removeEdges, removeNodes, setConfigValue, setNodeField } from '../../renderer/state/workflow/graph-edit';
import { readGraph } from '../../renderer/state/workflow/graph-read';
import { parseYaml } from '../../renderer/state/workflow/yaml-patch';
import { nodeTypes } from '../../runtime/workflows/registry';
import { checkWorkflowText } from '../../runtime/workflows/workflow-loader';

const EXAMPLES = path.resolve(import.meta.dirname, '../../spells/workflows');
const example = (name: string) => readFileSync(path.join(EXAMPLES, name), 'utf8');
const graph = (text: string, base: (string | number)[] = []) => readGraph(parseYaml(text)!.toJS(), base);
const valid = (text: string) => {
  const result = checkWorkflowText(text, path.join(EXAMPLES, 'x.workflow.yaml'), nodeTypes);
  return result.ok ? [] : result.problems.map((p) => p.message);
};
/** Lines of `after` not in `before`. */
const added = (before: string, after: string) => after.split('\n').filter((l) => !before.split('\n').includes(l));
const removed = (before: string, after: string) => before.split('\n').filter((l) => !after.split('\n').includes(l));

const SMALL = `# My flow: keep this comment
name: small
unknown_field: kept   # the builder does not know this field
inputs:
  topic: { type: string, default: 'tea' }
nodes:
  # the input
  - id: topic
    type: input
    config: { name: topic }
  - id: ask
    type: llm
    position: { x: 200, y: 0 }
    config:
      prompt: 'Tell me about {{topic}}'   # single quotes stay
      x-note: mine
edges:
  - { from: topic, to: ask.topic }
`;

describe('workflow text edits', () => {
  it('reads nodes, ports of edges and inputs', () => {
    const g = graph(SMALL);
    expect(g.nodes.map((n) => [n.id, n.type, n.position])).toEqual([['topic', 'input', undefined], ['ask', 'llm', { x: 200, y: 0 }]]);
    expect(g.edges).toEqual([expect.objectContaining({ source: 'topic', sourcePort: 'output', target: 'ask', targetPort: 'topic', index: 0 })]);
    expect(g.inputs).toEqual([{ name: 'topic', type: 'string' }]);
  });

  it('adds a node and an edge as new lines, changing nothing else', () => {
    const after = addNodes(SMALL, [], [{ id: 'out', type: 'output', position: { x: 400, y: 0 }, config: { name: 'answer' } }], [{ from: 'ask', to: 'out' }]);
    expect(removed(SMALL, after)).toEqual([]);
    expect(after).toBe(SMALL.replace('edges:\n', '  - id: out\n    type: output\n    position: { x: 400, y: 0 }\n    config:\n      name: answer\nedges:\n') + '  - { from: ask, to: out }\n');
    expect(graph(after).edges.map((e) => e.to)).toEqual(['ask.topic', 'out']);
  });

  it('moves a node: only its position line changes', () => {
    const after = moveNodes(SMALL, [], { ask: { x: 250.4, y: 40 }, topic: { x: 0, y: 0 } });
    expect(removed(SMALL, after)).toEqual(['    position: { x: 200, y: 0 }']);
    expect(added(SMALL, after)).toEqual(['    position: { x: 0, y: 0 }', '    position: { x: 250, y: 40 }']);
    // A new position goes in its place among the node's keys (after type, before config).
    expect(after).toContain('    type: input\n    position: { x: 0, y: 0 }\n    config: { name: topic }');
  });

  it('sets and removes config fields keeping quotes, comments and fields it does not know', () => {
    let after = setConfigValue(SMALL, [], 'ask', ['temperature'], 0.5);
    expect(after).toContain("      prompt: 'Tell me about {{topic}}'   # single quotes stay\n      temperature: 0.5\n      x-note: mine");
    after = setConfigValue(after, [], 'ask', ['prompt'], 'Tell me more about {{topic}}');
    expect(after).toContain("prompt: 'Tell me more about {{topic}}'");
    after = setConfigValue(after, [], 'ask', ['temperature'], undefined);
    expect(after).not.toContain('temperature');
    expect(after).toContain('unknown_field: kept   # the builder does not know this field');
    expect(after.startsWith('# My flow: keep this comment\n')).toBe(true);
  });

  it('renames a node and its edges, and deletes nodes with their edges', () => {
    const renamed = setNodeField(SMALL, [], 'ask', 'id', 'question');
    expect(renamed).toContain('  - { from: topic, to: question.topic }');
    expect(graph(renamed).nodes.map((n) => n.id)).toEqual(['topic', 'question']);
    const g = graph(SMALL);
    const gone = removeNodes(SMALL, [], ['ask'], g.edges.filter((e) => e.target === 'ask').map((e) => e.index));
    expect(graph(gone).nodes.map((n) => n.id)).toEqual(['topic']);
    expect(gone).toContain('edges: []');
    expect(gone).toContain('# the input');
    expect(removeEdges(addEdges(SMALL, [], [{ from: 'topic', to: 'ask.other' }]), [], [0])).toContain('  - { from: topic, to: ask.other }\n');
  });

  it('edits the nodes of a body (a sub-graph) the same way', () => {
    const text = example('draft-critique-refine.workflow.yaml');
    const body = ['nodes', 1, 'config', 'body'];
    expect(graph(text, body).nodes.map((n) => n.id)).toEqual(['critique', 'refine', 'out_draft', 'out_critique']);
    const after = setConfigValue(text, body, 'refine', ['temperature'], 0.2);
    expect(added(text, after)).toEqual(['              temperature: 0.2']);
    expect(valid(after)).toEqual([]);
  });

  it('round-trips every example: an edit elsewhere leaves each line as written', () => {
    for (const name of ['classify-and-route.workflow.yaml', 'draft-critique-refine.workflow.yaml', 'research-fanout.workflow.yaml']) {
      const text = example(name);
      const first = graph(text).nodes[0]!;
      const moved = moveNodes(text, [], { [first.id]: { x: 7, y: 9 } });
      expect(removed(text, moved).length, name).toBeLessThanOrEqual(1);
      expect(added(text, moved), name).toEqual(['    position: { x: 7, y: 9 }']);
      expect(valid(moved), name).toEqual([]);
    }
  });

  it('starts an empty workflow', () => {
    const after = addNodes('name: empty\nnodes: []\n', [], [{ id: 'a', type: 'output', position: { x: 0, y: 0 } }]);
    expect(after).toBe('name: empty\nnodes:\n  - id: a\n    type: output\n    position: { x: 0, y: 0 }\n');
    expect(addEdges(addNodes(after, [], [{ id: 'b', type: 'input' }]), [], [{ from: 'b', to: 'a' }])).toContain('edges:\n  - { from: b, to: a }\n');
  });
});
