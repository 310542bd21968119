/** `output`: fills one of the workflow's outputs with the value that reaches it. */
import { z } from 'zod';
import { defineNode } from '../node-types';
import { portName, valueType } from './fields';

const Config = z.strictObject(
  {
    /** The output to fill (declared under `outputs` when the workflow declares them); default `output`. */
    name: portName('an output name').optional(),
    type: valueType().optional(),
  },
  { error: 'a mapping {name, type}' },
);

/** The `output` node type. */
export const outputNode = defineNode<z.infer<typeof Config>>({
  type: 'output',
  title: 'Output',
  description: "Sets one of the workflow's outputs; the value also passes through to its output port.",
  category: 'io',
  config: Config,
  inputs: (c) => [{ name: 'input', type: c.type ?? 'any', required: true }],
  outputs: (c) => [{ name: 'output', type: c.type ?? 'any' }],
  cacheable: false,
  fills: (c) => c.name ?? 'output',
  run: (ctx) => ({ output: ctx.inputs.input }),
});
