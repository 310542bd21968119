import { opt, p, t, type ApiClass, type ApiModule, type ApiParam } from './model';

const toolName = p('name', t.string, 'A registered or built-in tool.');
const toolParams = opt('params', t.map(t.any), 'Arguments, checked against the tool\'s JSON Schema.');
const schema = t.map(t.any);

/** `tools`: spell-defined and built-in tools, one registry. */
export const TOOLS_MODULE: ApiModule = {
  name: 'tools',
  doc: 'Tools an agent or the spell can call: written in the spell, or built into the host (calculator, web_fetch, hash, ...). Parameters are checked against each tool\'s JSON Schema before it runs.',
  functions: [
    {
      name: 'register',
      doc: 'Registers a tool written in the spell.',
      params: [
        p('name', t.string, 'Unique tool name.'),
        p('description', t.string, 'What the tool does (the LLM reads it).'),
        opt('schema', schema, 'JSON Schema of its parameters.'),
        p('fn', t.fn([p('params', t.map(t.any))], t.any), 'Runs the tool; returns its result.'),
      ],
      returns: t.boolean,
      fails: true,
      js: { params: [p('tool', t.ref('ToolDefinition'), 'The tool: name, description, parameters and run.')], returns: t.void, async: false },
    },
    {
      name: 'execute',
      doc: 'Runs a tool with validated parameters; reports the call and its result as run events.',
      params: [toolName, toolParams],
      returns: t.any,
      fails: true,
      async: true,
      rpc: ['tools.validate', 'tools.builtin_execute'],
    },
    { name: 'get', doc: 'Describes one tool.', params: [toolName], returns: t.ref('ToolInfo'), fails: true, async: true, rpc: ['tools.builtin_list'] },
    { name: 'list', doc: 'Every tool, spell-defined and built-in, sorted by name.', params: [], returns: t.array(t.ref('ToolInfo')), async: true, rpc: ['tools.builtin_list'] },
    {
      name: 'remove',
      doc: 'Removes a tool the spell registered.',
      params: [p('name', t.string)],
      returns: t.boolean,
      fails: true,
      js: { returns: t.void },
      lua: { results: [p('ok', t.boolean), opt('err', t.string, 'Why not: no such script tool.')] },
    },
    {
      name: 'validate',
      doc: 'Checks parameters against a tool\'s schema without running it.',
      params: [toolName, toolParams],
      returns: t.boolean,
      async: true,
      rpc: ['tools.validate'],
      lua: { results: [p('valid', t.boolean), opt('err', t.string, 'Why not, each problem naming its field.')] },
      js: { returns: t.ref('ValidationResult') },
      tengo: { doc: 'Checks parameters against a tool\'s schema without running it: true, or an error value (falsy) naming each problem.' },
    },
    { name: 'spec', doc: 'The definition an LLM sees (name, description, parameters), or nil.', params: [toolName], returns: t.ref('ToolInfo'), only: 'lua' },
  ],
};

const toolInfoFields: ApiParam[] = [
  p('name', t.string),
  p('description', t.string),
  p('parameters', t.map(t.any), 'JSON Schema of the parameters.'),
  opt('builtin', t.boolean, 'Built into the host (not written in the spell).'),
];

/** Records of the tools module. */
export const TOOLS_CLASSES: ApiClass[] = [
  { name: 'ToolInfo', doc: 'A tool as `tools.get` and `tools.list` describe it.', fields: toolInfoFields },
  {
    name: 'ToolDefinition',
    doc: 'A tool written in the spell.',
    only: 'js',
    fields: [
      p('name', t.string, 'Unique tool name.'),
      p('description', t.string, 'What the tool does (the LLM reads it).'),
      opt('parameters', t.map(t.any), 'JSON Schema of its parameters.'),
      p('run', t.fn([p('params', t.map(t.any))], t.any), 'Runs the tool (may be async); returns its result.'),
    ],
  },
  {
    name: 'ValidationResult',
    doc: 'The outcome of `tools.validate`.',
    only: 'js',
    fields: [p('valid', t.boolean), p('errors', t.array(t.string), 'Each problem, naming its field.')],
  },
];
