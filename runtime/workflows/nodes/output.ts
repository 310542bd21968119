/** `output`: fills one of the workflow's outputs with the value that reaches it. */
import { outputDescription, type OutputConfig as Config } from '../../contract/workflow-nodes/io';
import { defineNode } from '../node-types';


/** The `output` node type. */
export const outputNode = defineNode<Config>({
  ...outputDescription,
  cacheable: false,
  fills: (c) => c.name ?? 'output',
  run: (ctx) => ({ output: ctx.inputs.input }),
});
