/** `condition`: routes its input down one output port. */
import { z } from 'zod';
import { describeNode, type PortSpec } from './describe';
import { expression, help, portName, template, text } from './fields';

const Case = z.strictObject(
  { when: help(expression(), 'Taken when this holds.'), port: help(portName(), 'The output port this case sends to.') },
  { error: 'a case {when, port}' },
);
const Classify = z.strictObject(
  {
    labels: help(z.array(portName('a label'), { error: 'a list of labels' }).min(2, { error: 'at least two labels' }), 'The labels; each becomes an output port.'),
    prompt: help(template(), 'What to classify; default: the input value.').optional(),
    instructions: help(text(), 'Extra guidance for the model (what each label means).').optional(),
    model: help(text('a model name').min(1), "The model; the provider's default when empty.").optional(),
  },
  { error: 'a mapping {labels, prompt, instructions}' },
);
const ConditionConfig = z.strictObject(
  {
    expression: help(expression(), 'Routes to true or false.').optional(),
    cases: help(z.array(Case, { error: 'a list of cases {when, port}' }).min(1, { error: 'at least one case' }), 'The first case that holds chooses the port.').optional(),
    classify: help(Classify, 'The model picks one label.').optional(),
    default: help(portName(), 'The port taken when no case matches or the answer names no label.').optional(),
  },
  { error: 'a mapping with expression, cases or classify' },
);
export type ConditionConfig = z.infer<typeof ConditionConfig>;

/** The output ports a condition may take. */
export function conditionBranches(c: ConditionConfig): string[] {
  if (c.cases) return [...new Set([...c.cases.map((x) => x.port), c.default ?? 'else'])];
  if (c.classify) return [...new Set([...c.classify.labels, ...(c.default ? [c.default] : [])])];
  return ['true', 'false'];
}

/** The `condition` node type. */
export const conditionDescription = describeNode<ConditionConfig>({
  type: 'condition',
  title: 'Condition',
  description: 'Sends its input down one branch: by an expression, by cases, or by an LLM classification.',
  category: 'flow',
  config: ConditionConfig,
  starter: { expression: 'input != null' },
  inputs: () => [{ name: 'input', type: 'any', description: 'the value routed to the chosen branch' }],
  openInputs: true,
  outputs: (c) => [
    ...conditionBranches(c).map((name): PortSpec => ({ name, type: 'any', description: `the input, when '${name}' is chosen` })),
    { name: 'branch', type: 'string', description: 'the name of the chosen branch' },
  ],
});
