import { opt, p, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

const agentName = p('name', t.string, 'A registered agent.');
const input = p('input', t.string, 'The user\'s turn.');
const options = opt('opts', t.ref('ChatOptions'), 'Model and temperature for this turn.');
const onChunk = p('on_chunk', t.fn([p('chunk', t.string)], t.void), 'Gets the answer text as it arrives.');
/** go-llmspell's `true`, or `false, message`. */
const okErr = [p('ok', t.boolean), opt('err', t.string, 'Why not; nil on success.')];
const agentLike = t.union(t.ref('Agent'), t.fn([p('input', t.string), opt('opts', t.ref('ChatOptions'))], t.any));

/** `agents`: LLM agents running the provider's tool-calling loop, and spell-defined agents. */
export const AGENTS_MODULE: ApiModule = {
  name: 'agents',
  doc: 'Agents: `agents.create` makes an LLM agent that keeps its conversation; each turn runs the provider\'s function-calling loop over its tools in the host (the same loop for every language and for workflow `agent` nodes; it asks the spell to run the tools the spell defined). Any function or object with `execute` can be registered too.',
  functions: [
    {
      name: 'create',
      doc: 'Creates and registers an LLM agent.',
      params: [p('spec', t.ref('AgentSpec'))],
      returns: t.ref('Agent'),
      fails: true,
      js: { async: false },
      lua: { doc: 'Creates and registers an LLM agent; returns its name (go-llmspell). `agents.new` returns the agent object.', returns: t.string },
    },
    { name: 'new', doc: 'Creates and registers an LLM agent; returns the agent object.', params: [p('spec', t.ref('AgentSpec'))], returns: t.ref('Agent'), fails: true, only: 'lua', tengo: false },
    {
      name: 'register',
      doc: 'Registers a function or an object with `execute(input, opts)` as an agent.',
      params: [p('name', t.string), p('agent', agentLike)],
      returns: t.boolean,
      fails: true,
      js: { returns: t.void },
      lua: { results: okErr },
    },
    {
      name: 'execute',
      doc: 'Runs one turn of an agent; returns its answer.',
      params: [agentName, input, options],
      returns: t.any,
      fails: true,
      async: true,
      rpc: ['agents.turn'],
      lua: { doc: 'Runs one turn of an agent; returns its answer as a string: a table as JSON, nil as "" (go-llmspell). The agent object\'s `execute` returns the raw value.', returns: t.string },
    },
    {
      name: 'stream',
      doc: 'Runs one turn, streaming the answer to the chunk callback; returns the whole answer.',
      params: [agentName, input, onChunk, options],
      returns: t.any,
      fails: true,
      async: true,
      rpc: ['agents.turn'],
      lua: {
        doc: 'Runs one turn, streaming the answer to the chunk callback (returning false from it stops the stream); returns true, or false + message (go-llmspell). An agent without `stream` sends its whole answer once.',
        params: [agentName, input, p('on_chunk', t.fn([p('chunk', t.string)], t.union(t.boolean, t.void)), 'Gets the answer text as it arrives; false stops.'), options],
        results: okErr,
      },
    },
    { name: 'get', doc: 'The agent registered under `name`.', params: [agentName], returns: t.ref('Agent'), fails: true },
    {
      name: 'save',
      doc: "Saves an LLM agent's settings and conversation in the spell's storage (`agents/<name>.json`), for `agents.load` in a later run.",
      params: [agentName],
      returns: t.boolean,
      only: 'lua',
      tengo: false,
      rpc: ['storage.write'],
      lua: { results: okErr },
    },
    {
      name: 'load',
      doc: 'Registers an agent saved by `agents.save` (or `persist = true`) again, conversation included; returns its name.',
      params: [agentName],
      returns: t.string,
      fails: true,
      only: 'lua',
      tengo: false,
      rpc: ['storage.read'],
    },
    {
      name: 'as_tool',
      doc: 'Registers agent `name` as a tool (`{ input }` in, its answer out) that other agents, or the spell, can call.',
      params: [agentName, opt('tool_name', t.string, 'The tool\'s name (default: the agent\'s).'), opt('description', t.string, 'What the LLM reads about it.')],
      returns: t.boolean,
      only: 'lua',
      tengo: false,
      lua: { results: okErr },
    },
    { name: 'remove', doc: 'Forgets an agent.', params: [agentName], returns: t.boolean, fails: true, js: { returns: t.void }, lua: { results: okErr } },
    {
      name: 'update_system_prompt',
      doc: 'Replaces an agent\'s system prompt.',
      params: [agentName, p('prompt', t.string)],
      returns: t.boolean,
      fails: true,
      js: { returns: t.void },
      lua: { results: okErr },
    },
    {
      name: 'add_tool',
      doc: 'Gives an agent one more tool.',
      params: [agentName, p('tool', t.string, 'A tool name.')],
      returns: t.boolean,
      fails: true,
      async: true,
      js: { returns: t.void },
      lua: { results: okErr },
    },
    { name: 'list', doc: 'Names of the registered agents and the built-in researcher, summarizer and json_extractor, sorted.', params: [], returns: t.array(t.string) },
  ],
};

const methods: ApiFunction[] = [
  { name: 'run', doc: 'One turn: the input in, the tool-calling loop, the final answer out.', params: [input, options], returns: t.string, fails: true, async: true },
  {
    name: 'stream',
    doc: 'One turn, streaming the answer text to the chunk callback.',
    params: [input, onChunk, options],
    returns: t.string,
    fails: true,
    async: true,
    lua: { params: [input, options, onChunk] },
  },
  { name: 'execute', doc: 'Same as `run`.', params: [input, options], returns: t.string, fails: true, only: 'lua' },
  { name: 'get_system_prompt', doc: 'The system prompt.', params: [], returns: t.string },
  { name: 'set_system_prompt', doc: 'Replaces the system prompt.', params: [p('prompt', t.string)], returns: t.void },
  { name: 'get_tools', doc: 'Names of the agent\'s tools.', params: [], returns: t.array(t.string) },
  { name: 'add_tool', doc: 'Gives the agent one more tool.', params: [p('tool', t.string)], returns: t.boolean, fails: true, async: true, js: { returns: t.void } },
  { name: 'clear_memory', doc: 'Forgets the conversation so far.', params: [], returns: t.void },
];

/** The agent object and its spec. */
export const AGENTS_CLASSES: ApiClass[] = [
  {
    name: 'AgentSpec',
    doc: 'What `agents.create` needs.',
    fields: [
      p('name', t.string, 'Unique agent name.'),
      opt('system_prompt', t.string, 'Also accepted as `systemPrompt` or `system` in Lua (go-llmspell).'),
      opt('tools', t.array(t.string), 'Names of registered or built-in tools it may call.'),
      opt('model', t.string),
      opt('temperature', t.number),
      opt('max_steps', t.integer, 'Most LLM calls per turn (default 10).'),
      opt('provider', t.string, 'Switches the run\'s provider first.'),
      opt('persist', t.boolean, 'Lua: keep the conversation in the spell\'s storage across runs (loaded at create, saved after each turn).'),
      opt('handoffs', t.array(t.string), 'Lua: agents this one may hand the turn to (its LLM sees a `handoff_to_<name>` tool; the other agent\'s answer ends the turn).'),
    ],
  },
  { name: 'Agent', doc: 'An LLM agent made by `agents.create`.', fields: [p('name', t.string)], methods },
];
