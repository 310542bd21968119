/**
 * `merge`: joins branches. Waits for every edge into it; branches not taken are left out (it is
 * skipped only when none arrives). Gives the values as a list, a mapping (by port name, or by
 * position for the shared `input` port), the first value, or their texts joined.
 */
import { toText } from '../expression/functions';
import { mergeDescription, type MergeConfig as Config } from '../../contract/workflow-nodes/join';
import { defineNode } from '../node-types';


/** The `merge` node type. */
export const mergeNode = defineNode<Config>({
  ...mergeDescription,
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
