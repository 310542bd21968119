import { opt, p, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

const spec = p('spec', t.ref('WorkflowSpec'), 'Name, description and the pattern\'s own fields.');
const workflow = t.ref('Workflow');
const pattern = (name: string, doc: string): ApiFunction => ({ name, doc, params: [spec], returns: workflow, only: 'lua' });

/**
 * `workflow`: in Lua, the four patterns of go-llmspell (each builds a workflow object to `run`), file
 * workflows and `output`; in JavaScript, for now, `parallel` over async functions.
 */
export const WORKFLOW_MODULE: ApiModule = {
  name: 'workflow',
  doc: 'Steps run in sequence, in parallel, by condition or in a loop.',
  functions: [
    pattern('sequential', 'Each step gets the previous step\'s output; the last output is the result.'),
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
    pattern('conditional', 'Picks a branch by `condition(input)` (a name or a boolean) or by an LLM classification.'),
    pattern('loop', 'Repeats a step: `count`, `for_each`, `while_` or `until_`.'),
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
    only: 'lua',
    fields: [opt('name', t.string), opt('description', t.string), opt('steps', t.any, 'Steps: functions, agents, tools or nested workflows.')],
  },
  {
    name: 'Workflow',
    doc: 'A workflow made by a pattern or `workflow.load`.',
    only: 'lua',
    fields: [p('kind', t.string), p('name', t.string), opt('description', t.string)],
    methods: [
      { name: 'run', doc: 'Runs the workflow on an input; returns its output.', params: [opt('input', t.any), opt('opts', t.map(t.any))], returns: t.any, fails: true },
      { name: 'execute', doc: 'Same as `run`.', params: [opt('input', t.any), opt('opts', t.map(t.any))], returns: t.any, fails: true },
    ],
  },
];
