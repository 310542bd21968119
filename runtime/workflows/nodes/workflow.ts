/**
 * `workflow`: runs another workflow file (relative to this one) as one node; its outputs, as a
 * mapping, are this node's output. A file that (through others) runs itself is refused.
 */
import { z } from 'zod';
import { renderDeep } from '../expression/template';
import { defineNode } from '../node-types';
import { text } from './fields';

const Config = z.strictObject(
  {
    workflow: text('a workflow file path').min(1, { error: 'a workflow file path' }),
    /** Its inputs; strings may hold {{ }} templates. Edges into ports of the same names win. */
    inputs: z.record(z.string(), z.unknown(), { error: 'a mapping of input values' }).optional(),
  },
  { error: 'a mapping {workflow, inputs}' },
);
type Config = z.infer<typeof Config>;

/** The `workflow` node type. */
export const workflowNode = defineNode<Config>({
  type: 'workflow',
  title: 'Workflow',
  description: 'Runs another workflow file with inputs; the output is the mapping of its outputs.',
  category: 'flow',
  config: Config,
  inputs: () => [],
  openInputs: true,
  outputs: () => [{ name: 'output', type: 'object', description: "the nested workflow's outputs" }],
  cacheable: true,
  files: (c) => [c.workflow],
  templates: (c) => (c.inputs ? [{ path: ['inputs'], value: c.inputs }] : []),
  async run(ctx) {
    const inputs = { ...(renderDeep(ctx.config.inputs ?? {}, ctx.scope) as Record<string, unknown>), ...ctx.inputs };
    return { output: await ctx.runFile(ctx.config.workflow, inputs) };
  },
});
