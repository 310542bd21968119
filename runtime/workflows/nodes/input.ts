/** `input`: one workflow input (or all of them) as a value on the canvas. */
import { z } from 'zod';
import { defineNode } from '../node-types';
import { portName, valueType } from './fields';

const Config = z.strictObject(
  {
    /** The input to read; all inputs as a mapping when absent. */
    name: portName('an input name').optional(),
    /** The type the output port promises (for edge checks). */
    type: valueType().optional(),
  },
  { error: 'a mapping {name, type}' },
);

/** The `input` node type. */
export const inputNode = defineNode<z.infer<typeof Config>>({
  type: 'input',
  title: 'Input',
  description: 'A workflow input: the value given on the command line or in the run form.',
  category: 'io',
  config: Config,
  inputs: () => [],
  outputs: (c) => [{ name: 'output', type: c.name ? (c.type ?? 'any') : 'object', description: c.name ? `the input '${c.name}'` : 'every input' }],
  cacheable: false,
  reads: (c) => c.name,
  run: (ctx) => ({ output: ctx.config.name ? ctx.scope.get(ctx.config.name) : ctx.scope.snapshot() }),
});
