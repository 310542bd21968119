/**
 * `transform`: reshapes data without a model. Picks a JSON path out of `input`, fills a text
 * template, builds a structured value from a template, or computes an expression.
 */
import { getAt, parsePath } from '../../tools/json-path';
import { evaluate } from '../expression/evaluate';
import { renderDeep, renderText } from '../expression/template';
import { transformDescription, type TransformConfig as Config } from '../../contract/workflow-nodes/data';
import { defineNode } from '../node-types';


/** The `transform` node type. */
export const transformNode = defineNode<Config>({
  ...transformDescription,
  templates: (c) => [
    ...(c.template !== undefined ? [{ path: ['template'], value: c.template }] : []),
    ...(c.value !== undefined ? [{ path: ['value'], value: c.value }] : []),
    ...(c.expression !== undefined ? [{ path: ['expression'], value: `{{${c.expression}}}` }] : []),
  ],
  check: (c) => {
    const given = [c.path, c.template, c.value, c.expression].filter((m) => m !== undefined).length;
    if (given !== 1) return [{ path: [], message: 'give exactly one of path, template, value or expression' }];
    if (c.path !== undefined) {
      try {
        parsePath(c.path);
      } catch (error) {
        return [{ path: ['path'], message: (error as Error).message }];
      }
    }
    return [];
  },
  run(ctx) {
    const c = ctx.config;
    if (c.path !== undefined) return { output: getAt(ctx.inputs.input, parsePath(c.path)) };
    if (c.template !== undefined) return { output: renderText(c.template, ctx.scope) };
    if (c.expression !== undefined) return { output: evaluate(c.expression, ctx.scope) };
    return { output: renderDeep(c.value, ctx.scope) };
  },
});
