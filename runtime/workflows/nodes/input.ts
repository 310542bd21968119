/** `input`: one workflow input (or all of them) as a value on the canvas. */
import { inputDescription, type InputConfig as Config } from '../../contract/workflow-nodes/io';
import { defineNode } from '../node-types';


/** The `input` node type. */
export const inputNode = defineNode<Config>({
  ...inputDescription,
  cacheable: false,
  reads: (c) => c.name,
  run: (ctx) => ({ output: ctx.config.name ? ctx.scope.get(ctx.config.name) : ctx.scope.snapshot() }),
});
