/** `input` and `output`: where values enter and leave a workflow. */
import { z } from 'zod';
import { describeNode } from './describe';
import { help, portName, valueType } from './fields';

const InputConfig = z.strictObject(
  {
    name: help(portName('an input name'), 'The workflow input to read; every input as a mapping when absent.').optional(),
    type: help(valueType(), 'The type the output port promises (for edge checks).').optional(),
  },
  { error: 'a mapping {name, type}' },
);
export type InputConfig = z.infer<typeof InputConfig>;

/** The `input` node type. */
export const inputDescription = describeNode<InputConfig>({
  type: 'input',
  title: 'Input',
  description: 'A workflow input: the value given on the command line or in the run form.',
  category: 'io',
  config: InputConfig,
  starter: { name: 'input', type: 'string' },
  inputs: () => [],
  outputs: (c) => [{ name: 'output', type: c.name ? (c.type ?? 'any') : 'object', description: c.name ? `the input '${c.name}'` : 'every input' }],
});

const OutputConfig = z.strictObject(
  {
    name: help(portName('an output name'), 'The output to fill (declared under outputs when the workflow declares them); default output.').optional(),
    type: help(valueType(), 'The type of the value.').optional(),
  },
  { error: 'a mapping {name, type}' },
);
export type OutputConfig = z.infer<typeof OutputConfig>;

/** The `output` node type. */
export const outputDescription = describeNode<OutputConfig>({
  type: 'output',
  title: 'Output',
  description: "Sets one of the workflow's outputs; the value also passes through to its output port.",
  category: 'io',
  config: OutputConfig,
  starter: { name: 'output' },
  inputs: (c) => [{ name: 'input', type: c.type ?? 'any', required: true }],
  outputs: (c) => [{ name: 'output', type: c.type ?? 'any' }],
});
