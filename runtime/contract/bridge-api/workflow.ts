import { opt, p, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

const spec = p('spec', t.ref('WorkflowSpec'), 'Name, description and the pattern\'s own fields.');
const workflow = t.ref('Workflow');
const pattern = (name: string, doc: string, jsDoc: string): ApiFunction => ({
  name,
  doc,
  params: [spec],
  returns: workflow,
  js: { doc: jsDoc, params: [p('spec', t.map(t.any), 'The pattern\'s fields; steps are functions of the input or workflow objects.')], async: false },
});

/**
 * `workflow`: the four patterns of go-llmspell (each builds a workflow object to `run`; in JavaScript
 * `parallel` runs async functions directly), workflow files (`run_file`, and `load` in Lua) and `output`.
 */
export const WORKFLOW_MODULE: ApiModule = {
  name: 'workflow',
  doc: 'Steps run in sequence, in parallel, by condition or in a loop.',
  functions: [
    pattern(
      'sequential',
      'Each step gets the previous step\'s output; the last output is the result.',
      '`{ name?, steps }`: each step (an async function or a workflow object) gets the previous output; `run(input)` resolves with the last.',
    ),
    {
      name: 'parallel',
      doc: 'Every step gets the same input, concurrently; `aggregate` = "list" | "map" | "first" | "vote".',
      params: [spec],
      returns: workflow,
      js: {
        doc: 'Runs async functions concurrently; resolves with their results in order, or rejects with the first error.',
        params: [p('steps', t.array(t.fn([], t.any)))],
        returns: t.array(t.any),
        async: true,
      },
    },
    pattern(
      'conditional',
      'Picks a branch by `condition(input)` (a name or a boolean) or by an LLM classification.',
      '`{ condition, branches, default? }`: `condition(input)` (may be async) names the branch (a boolean picks "true"/"false").',
    ),
    pattern(
      'loop',
      'Repeats a step: `count`, `for_each`, `while_` or `until_`.',
      '`{ step, count?, forEach?, while?, until?, maxIterations?, onLimit? }`: repeats `step` on its own output, or maps it over `forEach`.',
    ),
    {
      name: 'run_file',
      doc: 'Runs a workflow file (relative to the working folder) in the host with `inputs`; returns its outputs.',
      params: [p('path', t.string), opt('inputs', t.map(t.any))],
      returns: t.any,
      fails: true,
      async: true,
      tengo: false,
      rpc: ['workflow.run_file'],
    },
    { name: 'load', doc: 'Loads a workflow file (relative to the working folder); it runs in the host.', params: [p('path', t.string)], returns: workflow, fails: true, only: 'lua', rpc: ['workflow.load_file'] },
    { name: 'output', doc: 'Hands a value back to the workflow node that runs this spell.', params: [p('value', t.any)], returns: t.boolean, fails: true, only: 'lua', rpc: ['workflow.output'] },
    { name: 'is_workflow', doc: 'Whether a value is a workflow object.', params: [p('value', t.any)], returns: t.boolean, only: 'lua' },
  ],
};

/** The Lua workflow object and its spec. */
export const WORKFLOW_CLASSES: ApiClass[] = [
  {
    name: 'WorkflowSpec',
    doc: 'What a workflow pattern takes; each pattern reads its own fields (steps, aggregate, branches, condition, count, for_each, ...).',
    fields: [opt('name', t.string), opt('description', t.string), opt('steps', t.any, 'Steps: functions, agents, tools or nested workflows.')],
  },
  {
    name: 'Workflow',
    doc: 'A workflow made by a pattern or `workflow.load`.',
    fields: [p('kind', t.string), p('name', t.string), opt('description', t.string)],
    methods: [
      { name: 'run', doc: 'Runs the workflow on an input; returns its output.', params: [opt('input', t.any), opt('opts', t.map(t.any))], returns: t.any, fails: true, async: true },
      { name: 'execute', doc: 'Same as `run`.', params: [opt('input', t.any), opt('opts', t.map(t.any))], returns: t.any, fails: true, async: true },
    ],
  },
];
