/**
 * `condition`: routes its `input` down one output port. Chooses by an expression (`true`/`false`),
 * by the first matching case, or by asking the model to classify the input into one of `labels`.
 * Ports not chosen produce nothing, so the nodes behind them are skipped.
 */
import { z } from 'zod';
import { evaluate } from '../expression/evaluate';
import { truthy } from '../expression/functions';
import { defineNode, type PortSpec } from '../node-types';
import { classify } from './condition-classify';
import { expression, portName, template, text } from './fields';

const Case = z.strictObject({ when: expression(), port: portName() }, { error: 'a case {when, port}' });
const Classify = z.strictObject(
  {
    labels: z.array(portName('a label'), { error: 'a list of labels' }).min(2, { error: 'at least two labels' }),
    /** What to classify; default: the `input` value. */
    prompt: template().optional(),
    /** Extra guidance for the model (what each label means). */
    instructions: text().optional(),
    model: text('a model name').min(1).optional(),
  },
  { error: 'a mapping {labels, prompt, instructions}' },
);
const Config = z.strictObject(
  {
    expression: expression().optional(),
    cases: z.array(Case, { error: 'a list of cases {when, port}' }).min(1, { error: 'at least one case' }).optional(),
    classify: Classify.optional(),
    /** The port taken when no case matches or the answer names no label. */
    default: portName().optional(),
  },
  { error: 'a mapping with expression, cases or classify' },
);
type Config = z.infer<typeof Config>;

function branches(c: Config): string[] {
  if (c.cases) return [...new Set([...c.cases.map((x) => x.port), c.default ?? 'else'])];
  if (c.classify) return [...new Set([...c.classify.labels, ...(c.default ? [c.default] : [])])];
  return ['true', 'false'];
}

/** The `condition` node type. */
export const conditionNode = defineNode<Config>({
  type: 'condition',
  title: 'Condition',
  description: 'Sends its input down one branch: by an expression, by cases, or by an LLM classification.',
  category: 'flow',
  config: Config,
  inputs: () => [{ name: 'input', type: 'any', description: 'the value routed to the chosen branch' }],
  openInputs: true,
  outputs: (c) => [
    ...branches(c).map((name): PortSpec => ({ name, type: 'any', description: `the input, when '${name}' is chosen` })),
    { name: 'branch', type: 'string', description: 'the name of the chosen branch' },
  ],
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
