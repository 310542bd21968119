/**
 * `merge`: joins branches. Waits for every edge into it; branches not taken are left out (it is
 * skipped only when none arrives). Gives the values as a list, a mapping (by port name, or by
 * position for the shared `input` port), the first value, or their texts joined.
 */
import { z } from 'zod';
import { toText } from '../expression/functions';
import { defineNode } from '../node-types';
import { text } from './fields';

const Config = z.strictObject(
  {
    mode: z.enum(['list', 'object', 'first', 'concat'], { error: 'one of list|object|first|concat' }).optional(),
    /** Between texts in `concat` mode; default a blank line. */
    separator: text().optional(),
  },
  { error: 'a mapping {mode, separator}' },
);
type Config = z.infer<typeof Config>;

/** The `merge` node type. */
export const mergeNode = defineNode<Config>({
  type: 'merge',
  title: 'Merge',
  description: 'Joins branches into a list, a mapping, the first value, or one text; branches not taken are left out.',
  category: 'flow',
  config: Config,
  inputs: () => [{ name: 'input', type: 'any', multiple: true, description: 'any number of edges' }],
  openInputs: true,
  joins: true,
  outputs: (c) => [{ name: 'output', type: c.mode === 'object' ? 'object' : c.mode === 'concat' ? 'string' : c.mode === 'first' ? 'any' : 'array' }],
  run(ctx) {
    const shared = (ctx.inputs.input as unknown[] | undefined) ?? [];
    const named = Object.entries(ctx.inputs).filter(([port]) => port !== 'input');
    const values = [...shared, ...named.map(([, v]) => v)];
    switch (ctx.config.mode ?? 'list') {
      case 'object':
        return { output: Object.fromEntries(named.length > 0 || shared.length === 0 ? named : shared.map((v, i) => [String(i), v])) };
      case 'first':
        return { output: values[0] ?? null };
      case 'concat':
        return { output: values.map(toText).join(ctx.config.separator ?? '\n\n') };
      default:
        return { output: values };
    }
  },
});
