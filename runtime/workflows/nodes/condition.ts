/**
 * `condition`: routes its `input` down one output port. Chooses by an expression (`true`/`false`),
 * by the first matching case, or by asking the model to classify the input into one of `labels`.
 * Ports not chosen produce nothing, so the nodes behind them are skipped.
 */
import { evaluate } from '../expression/evaluate';
import { truthy } from '../expression/functions';
import { conditionDescription, type ConditionConfig as Config } from '../../contract/workflow-nodes/condition';
import { defineNode } from '../node-types';
import { classify } from './condition-classify';


/** The `condition` node type. */
export const conditionNode = defineNode<Config>({
  ...conditionDescription,
  slot: (c) => c.classify !== undefined,
  templates: (c) => [
    ...(c.expression ? [{ path: ['expression'], value: `{{${c.expression}}}` }] : []),
    ...(c.cases ?? []).map((x, i) => ({ path: ['cases', i, 'when'], value: `{{${x.when}}}` })),
    ...(c.classify?.prompt ? [{ path: ['classify', 'prompt'], value: c.classify.prompt }] : []),
  ],
  check: (c) => {
    const modes = [c.expression, c.cases, c.classify].filter((m) => m !== undefined).length;
    return modes === 1 ? [] : [{ path: [], message: 'give exactly one of expression, cases or classify' }];
  },
  async run(ctx) {
    const c = ctx.config;
    let branch: string;
    if (c.expression !== undefined) branch = truthy(evaluate(c.expression, ctx.scope)) ? 'true' : 'false';
    else if (c.cases) branch = c.cases.find((x) => truthy(evaluate(x.when, ctx.scope)))?.port ?? c.default ?? 'else';
    else branch = await classify(ctx, c.classify!, c.default);
    const value = Object.hasOwn(ctx.inputs, 'input') ? ctx.inputs.input : Object.keys(ctx.inputs).length > 0 ? { ...ctx.inputs } : null;
    return { [branch]: value, branch };
  },
});
