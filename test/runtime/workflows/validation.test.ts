import { afterAll, describe, expect, it } from 'vitest';
import { nodeTypes } from '../../../runtime/workflows/registry';
import { validateWorkflow } from '../../../runtime/workflows/validate-workflow';
import { checkWorkflowText, formatProblem, loadWorkflowFile, WorkflowFileError } from '../../../runtime/workflows/workflow-loader';
import { workflowFolder } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());

/** Every problem of `text`, formatted. */
function problems(text: string): string[] {
  const result = checkWorkflowText(text, '/tmp/flow.workflow.yaml', nodeTypes, 'flow.workflow.yaml');
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('workflow validation', () => {
  it('accepts a valid file', () => {
    expect(problems('name: ok\nnodes:\n  - { id: a, type: transform, config: { value: 1 } }\n')).toEqual([]);
  });

  it('lists every problem at once, each with file, line, node and field', () => {
    const found = problems(`name: bad
inputs:
  topic: { type: string }
outputs:
  result: { type: string }
  missing: { type: string }
nodes:
  - id: a
    type: llm
    config: { prompt: "About {{topci}}" }
  - id: b
    type: lmm
  - id: a
    type: input
    config: { name: topic }
  - id: c
    type: transform
    config: { template: "{{x}}", colour: red }
  - id: out
    type: output
    config: { name: result }
edges:
  - { from: a.text, to: out }
  - { from: zz, to: out }
  - { from: a, to: c.x }
`);
    expect(found).toEqual([
      "flow.workflow.yaml:6: outputs.missing: output 'missing' is declared but no output node fills it (add a node of type output with config.name: missing)",
      "flow.workflow.yaml:10: node 'a': nodes[0].config.prompt: 'topci' is neither an input of node 'a' (connect an edge to a.topci) nor a workflow input",
      "flow.workflow.yaml:12: node 'b': nodes[1].type: unknown node type 'lmm' (known: input, output, llm, agent, tool, condition, parallel, loop, merge, transform, script, spell, workflow, human)",
      "flow.workflow.yaml:13: node 'a': nodes[2].id: duplicate node id 'a'",
      "flow.workflow.yaml:18: node 'c': nodes[3].config.colour: unknown field",
      "flow.workflow.yaml:19: node 'out': nodes[4]: input 'input' of node 'out' (output) needs an edge",
      "flow.workflow.yaml:23: node 'a': edges[0].from: node 'a' (llm) has no output port 'text'; its output ports: output",
      'flow.workflow.yaml:24: edges[1].from: no node \'zz\' (edge zz → out)',
    ]);
  });

  it('finds missing ports, type mismatches and a second edge into a single input', () => {
    const found = problems(`name: ports
nodes:
  - { id: a, type: llm, config: { prompt: hi } }
  - { id: b, type: transform, config: { template: hi } }
  - { id: each, type: loop, config: { for_each: true, body: { nodes: [{ id: x, type: transform, config: { value: 1 } }] } } }
  - { id: out, type: output }
  - { id: cond, type: condition, config: { expression: "true" } }
edges:
  - { from: a, to: each.items }
  - { from: b, to: out.nothing }
  - { from: a, to: out }
  - { from: b, to: out }
  - { from: cond, to: out }
`);
    expect(found).toEqual([
      "flow.workflow.yaml:9: node 'each': edges[0]: type mismatch: a.output gives string, but each.items takes array",
      "flow.workflow.yaml:10: node 'out': edges[1].to: node 'out' (output) has no input port 'nothing'; its input ports: input",
      "flow.workflow.yaml:12: node 'out': edges[3].to: input 'out.input' already has an edge (from a.output); it takes one",
      "flow.workflow.yaml:13: node 'cond': edges[4].from: node 'cond' (condition) has no output port 'output'; its output ports: true, false, branch",
    ]);
  });

  it('refuses cycles outside loops, naming the cycle', () => {
    const found = problems(`name: cyc
nodes:
  - { id: start, type: transform, config: { value: 1 } }
  - { id: a, type: merge }
  - { id: b, type: transform, config: { expression: "input" } }
  - { id: c, type: transform, config: { expression: "input" } }
edges:
  - { from: start, to: a }
  - { from: a, to: b }
  - { from: b, to: c }
  - { from: c, to: a }
`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^flow\.workflow\.yaml:\d+: node '.': nodes\[\d\]: cycle (a → b → c → a|b → c → a → b|c → a → b → c): a graph runs each node once; put the repeated part in the body of a loop node$/);
  });

  it('checks node configs, bodies and fallback edges', () => {
    const found = problems(`name: configs
nodes:
  - { id: t, type: tool, config: { tool: no_such_tool } }
  - { id: l, type: loop, config: { count: 2, until: "x", body: { nodes: [{ id: q, type: llm, config: { prompt: "{{nope}}", temperature: 9 } }] } } }
  - { id: c, type: condition, config: { expression: "1 +" } }
  - { id: f, type: transform, on_error: fallback, config: { value: 1 } }
  - { id: s, type: llm, config: { prompt: hi, schema: { type: 7 } } }
  - { id: h, type: human, config: { prompt: pick, kind: choice } }
`);
    expect(found).toEqual([
      "flow.workflow.yaml:3: node 't': nodes[0].config.tool: unknown tool 'no_such_tool' (built-in tools: web_fetch, http_request, calculator, string_tools, json_process, csv_process, datetime_now, datetime_format, datetime_calculate, uuid, hash, base64, file_read, file_write, file_list)",
      "flow.workflow.yaml:4: node 'l': nodes[1].config: give exactly one of count, for_each: true, while or until",
      'flow.workflow.yaml:4: node \'l/q\': nodes[1].config.body.nodes[0].config.temperature: expected a number ≤ 2, got 9',
      'flow.workflow.yaml:5: node \'c\': nodes[2].config.expression: bad expression: expected a value, found the end',
      "flow.workflow.yaml:6: node 'f': nodes[3].on_error: on_error: fallback needs an edge from 'f.error' to the fallback path",
      expect.stringMatching(/^flow\.workflow\.yaml:7: node 's': nodes\[4\]\.config\.schema: invalid schema: /),
      "flow.workflow.yaml:8: node 'h': nodes[5].config.choices: choices go with kind: choice (and kind: choice needs them)",
    ]);
  });

  it('reports YAML syntax errors and bad top-level fields with lines', () => {
    expect(problems('name: x\nnodes: [\n')).toEqual([expect.stringMatching(/^flow\.workflow\.yaml:\d+: syntax error: /)]);
    expect(problems('name: x\nname: y\nnodes: []\n')[0]).toMatch(/^flow\.workflow\.yaml:2: syntax error: Map keys must be unique/);
    expect(problems('nodes: []\nversion: one\nsurprise: 1\n')).toEqual([
      'flow.workflow.yaml:1: name: expected a workflow name, got nothing',
      'flow.workflow.yaml:1: nodes: expected at least one node, got a list',
      'flow.workflow.yaml:2: version: expected a semantic version like "1.0.0", got "one"',
      'flow.workflow.yaml:3: surprise: unknown field (known: name, version, description, tags, inputs, outputs, settings, nodes, edges)',
    ]);
  });

  it('reads JSON files, with lines for problems', () => {
    const text = JSON.stringify({ name: 'j', nodes: [{ id: 'a', type: 'transform', config: { value: 1 } }, { id: 'b', type: 'nope' }] }, null, 2);
    expect(problems(text)).toEqual([expect.stringMatching(/^flow\.workflow\.yaml:13: node 'b': nodes\[1\]\.type: unknown node type 'nope'/)]);
  });

  it('throws a WorkflowFileError for a missing or invalid file', () => {
    expect(() => loadWorkflowFile('/nonexistent/x.workflow.yaml', nodeTypes, 'x.workflow.yaml')).toThrow(new WorkflowFileError([{ file: 'x.workflow.yaml', path: [], message: 'no such workflow file' }]));
  });

  it('follows nested workflow files, reporting their problems and cycles between files', () => {
    folder.write('a.workflow.yaml', 'name: a\nnodes:\n  - { id: callb, type: workflow, config: { workflow: b.workflow.yaml } }\n');
    folder.write('b.workflow.yaml', 'name: b\nnodes:\n  - { id: calla, type: workflow, config: { workflow: a.workflow.yaml } }\n  - { id: broken, type: llm, config: {} }\n');
    const result = validateWorkflow(`${folder.dir}/a.workflow.yaml`, nodeTypes, 'a.workflow.yaml');
    expect(result.problems).toEqual([
      expect.stringMatching(/b\.workflow\.yaml:4: node 'broken': nodes\[1\]\.config\.prompt: expected a text with \{\{name\}\} placeholders, got nothing$/),
      expect.stringMatching(/^a\.workflow\.yaml:3: node 'callb': runs .*b\.workflow\.yaml, which has problems \(listed above\)$/),
    ]);
    folder.write('b.workflow.yaml', 'name: b\nnodes:\n  - { id: calla, type: workflow, config: { workflow: a.workflow.yaml } }\n');
    expect(validateWorkflow(`${folder.dir}/a.workflow.yaml`, nodeTypes, 'a.workflow.yaml').problems).toEqual([
      expect.stringMatching(/b\.workflow\.yaml:3: node 'calla': nested workflow cycle: a\.workflow\.yaml → b\.workflow\.yaml → a\.workflow\.yaml$/),
      expect.stringMatching(/^a\.workflow\.yaml:3: node 'callb': runs .*b\.workflow\.yaml, which has problems/),
    ]);
  });
});
