/** `transform`, `script`, `spell` and `human`: reshaping data, code, and people. */
import { z } from 'zod';
import { describeNode } from './describe';
import { anyValue, code, expression, help, mapping, oneOf, template, text } from './fields';

const TransformConfig = z.strictObject(
  {
    path: help(text('a JSON path like $.items[0].name'), 'A JSON path into the input: $.items[0].name.').optional(),
    template: help(template(), 'A text built from the inputs.').optional(),
    value: help(anyValue(), 'Any value; strings in it are templates, and "{{name}}" alone passes the value itself.').optional(),
    expression: help(expression(), 'An expression over the inputs.').optional(),
  },
  { error: 'a mapping with path, template, value or expression' },
);
export type TransformConfig = z.infer<typeof TransformConfig>;

/** The `transform` node type. */
export const transformDescription = describeNode<TransformConfig>({
  type: 'transform',
  title: 'Transform',
  description: 'Reshapes data: a JSON path into the input, a text template, a structured value, or an expression.',
  category: 'data',
  config: TransformConfig,
  starter: { template: '{{input}}' },
  inputs: () => [{ name: 'input', type: 'any', description: 'the value a path reads from' }],
  openInputs: true,
  outputs: (c) => [{ name: 'output', type: c.template !== undefined ? 'string' : 'any' }],
});

const ScriptConfig = z.strictObject(
  {
    language: help(oneOf(['lua', 'javascript', 'tengo'], 'lua, javascript or tengo'), 'The language of the code (default lua).').optional(),
    code: help(code('the script code'), 'The body of a function of inputs; return gives the node\'s output.'),
  },
  { error: 'a mapping {language, code}' },
);
export type ScriptConfig = z.infer<typeof ScriptConfig>;

/** The `script` node type. */
export const scriptDescription = describeNode<ScriptConfig>({
  type: 'script',
  title: 'Script',
  description: 'Runs inline Lua, JavaScript or Tengo in the sandbox; `inputs` holds the inputs and `return` sets the output.',
  category: 'code',
  config: ScriptConfig,
  starter: { language: 'lua', code: 'return inputs.input' },
  inputs: () => [],
  openInputs: true,
  outputs: () => [
    { name: 'output', type: 'any', description: 'what the script returned (else what it printed)' },
    { name: 'stdout', type: 'string', description: 'what it printed' },
  ],
});

const SpellConfig = z.strictObject(
  {
    spell: help(text('a spell path').min(1, { error: 'a spell path' }), 'The spell to run: a path relative to this file, or a library name.'),
    params: help(mapping('a mapping of parameters'), 'Parameters; strings may hold {{ }} templates. A params input is merged over them.').optional(),
  },
  { error: 'a mapping {spell, params}' },
);
export type SpellConfig = z.infer<typeof SpellConfig>;

/** The `spell` node type. */
export const spellDescription = describeNode<SpellConfig>({
  type: 'spell',
  title: 'Spell',
  description: 'Runs another spell with parameters; the output is its result, else its printed text.',
  category: 'code',
  config: SpellConfig,
  starter: { spell: 'hello', params: {} },
  inputs: () => [{ name: 'params', type: 'object', description: 'parameters merged over the configured ones' }],
  openInputs: true,
  outputs: () => [
    { name: 'output', type: 'any', description: "the spell's result (else what it printed)" },
    { name: 'stdout', type: 'string', description: 'what it printed' },
  ],
});

const HumanConfig = z.strictObject(
  {
    prompt: help(template(), 'The question to ask.'),
    kind: help(oneOf(['text', 'number', 'boolean', 'choice']), 'The kind of answer.').optional(),
    choices: help(z.array(text('a choice'), { error: 'a list of choices' }).min(1, { error: 'at least one choice' }), 'The choices, for kind: choice.').optional(),
    default: help(anyValue(), 'Used for an empty answer.').optional(),
  },
  { error: 'a mapping with a prompt' },
);
export type HumanConfig = z.infer<typeof HumanConfig>;

const HUMAN_TYPE = { text: 'string', number: 'number', boolean: 'boolean', choice: 'string' } as const;

/** The `human` node type. */
export const humanDescription = describeNode<HumanConfig>({
  type: 'human',
  title: 'Human input',
  description: 'Asks a person for a value (text, number, yes/no or a choice) and waits for the answer.',
  category: 'human',
  config: HumanConfig,
  starter: { prompt: 'Is this right? {{input}}', kind: 'text' },
  inputs: () => [],
  openInputs: true,
  outputs: (c) => [{ name: 'output', type: HUMAN_TYPE[c.kind ?? 'text'], description: 'the answer' }],
});
