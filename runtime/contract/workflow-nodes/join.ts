/** `merge` and `workflow`: joining branches, and running another workflow file. */
import { z } from 'zod';
import { describeNode } from './describe';
import { help, mapping, oneOf, text } from './fields';

const MergeConfig = z.strictObject(
  {
    mode: help(oneOf(['list', 'object', 'first', 'concat']), 'A list, a mapping by port, the first value, or one text.').optional(),
    separator: help(text(), 'Between texts in concat mode; default a blank line.').optional(),
  },
  { error: 'a mapping {mode, separator}' },
);
export type MergeConfig = z.infer<typeof MergeConfig>;

/** The `merge` node type. */
export const mergeDescription = describeNode<MergeConfig>({
  type: 'merge',
  title: 'Merge',
  description: 'Joins branches into a list, a mapping, the first value, or one text; branches not taken are left out.',
  category: 'flow',
  config: MergeConfig,
  starter: { mode: 'list' },
  inputs: () => [{ name: 'input', type: 'any', multiple: true, description: 'any number of edges' }],
  openInputs: true,
  joins: true,
  outputs: (c) => [{ name: 'output', type: c.mode === 'object' ? 'object' : c.mode === 'concat' ? 'string' : c.mode === 'first' ? 'any' : 'array' }],
});

const WorkflowConfig = z.strictObject(
  {
    workflow: help(text('a workflow file path').min(1, { error: 'a workflow file path' }), 'The workflow file to run, relative to this one.'),
    inputs: help(mapping('a mapping of input values'), 'Its inputs; strings may hold {{ }} templates. Edges into ports of the same names win.').optional(),
  },
  { error: 'a mapping {workflow, inputs}' },
);
export type WorkflowConfig = z.infer<typeof WorkflowConfig>;

/** The `workflow` node type. */
export const workflowDescription = describeNode<WorkflowConfig>({
  type: 'workflow',
  title: 'Workflow',
  description: 'Runs another workflow file with inputs; the output is the mapping of its outputs.',
  category: 'flow',
  config: WorkflowConfig,
  starter: { workflow: 'other.workflow.yaml' },
  inputs: () => [],
  openInputs: true,
  outputs: () => [{ name: 'output', type: 'object', description: "the nested workflow's outputs" }],
});
