/**
 * `workflow`: runs another workflow file (relative to this one) as one node; its outputs, as a
 * mapping, are this node's output. A file that (through others) runs itself is refused.
 */
import { renderDeep } from '../expression/template';
import { workflowDescription, type WorkflowConfig as Config } from '../../contract/workflow-nodes/join';
import { defineNode } from '../node-types';


/** The `workflow` node type. */
export const workflowNode = defineNode<Config>({
  ...workflowDescription,
  cacheable: true,
  files: (c) => [c.workflow],
  templates: (c) => (c.inputs ? [{ path: ['inputs'], value: c.inputs }] : []),
  async run(ctx) {
    const inputs = { ...(renderDeep(ctx.config.inputs ?? {}, ctx.scope) as Record<string, unknown>), ...ctx.inputs };
    return { output: await ctx.runFile(ctx.config.workflow, inputs) };
  },
});
