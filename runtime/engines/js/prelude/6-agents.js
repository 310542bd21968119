/**
 * `agents` in JavaScript. `agents.create` makes an LLM agent that runs the provider's
 * function-calling loop (`llm.tool_chat`, or `llm.tool_stream` when streaming) over registered tools,
 * keeps its conversation across turns and stops at maxSteps; anything with `execute` registers too.
 */
const agentRegistry = new $Map();

/** One turn of an LLM agent; emit (optional) gets answer text chunks. */
function agentTurn(state, input, opts, emit) {
  const site = new SpellError('', 'agent_error');
  const options = opts || {};
  const memory = state.memory;
  const who = "agent '" + state.name + "'";
  const forget = function (e) {
    memory.pop(); // the unanswered input
    throw failed(site, who + ': ' + describe(e).message, e && e.code);
  };
  const setup = state.provider
    ? rpc('llm.set_provider', [state.provider]).then(function () { state.provider = undefined; })
    : $Promise.resolve();
  const specs = setup
    .then(function () { return $Promise.all(state.tools.map(function (n) { return toolSpec(n, new SpellError('', 'unknown_tool')); })); })
    .then(undefined, function (e) { throw failed(site, who + ': ' + describe(e).message, e && e.code); });
  const step = function (n, toolSpecs) {
    if (n > state.maxSteps) throw failed(site, who + ' stopped after ' + state.maxSteps + ' steps without a final answer', 'agent_max_steps');
    const request = {
      messages: memory, system: state.systemPrompt, model: options.model || state.model,
      temperature: options.temperature === undefined ? state.temperature : options.temperature,
      tools: toolSpecs.length > 0 ? toolSpecs : undefined,
    };
    const answer = emit ? streamCall('llm.tool_stream', [request], emit, new SpellError('', 'bridge_error')) : rpc('llm.tool_chat', [request]);
    return answer.then(undefined, forget).then(function (result) {
      const calls = result.toolCalls || [];
      if (calls.length === 0) {
        memory.push({ role: 'assistant', content: result.content || '' });
        return result.content || '';
      }
      memory.push({ role: 'assistant', content: result.content || '', tool_calls: calls });
      let chain = $Promise.resolve();
      calls.forEach(function (call) {
        chain = chain.then(function () {
          let args;
          try {
            args = JSONparse(call.arguments === '' ? '{}' : call.arguments);
          } catch {
            return { error: 'arguments are not valid JSON: ' + host.jsonError(call.arguments) };
          }
          return toolsBridge.execute(call.name, args).then(undefined, function (e) { return { error: describe(e).message }; });
        }).then(function (value) {
          memory.push({ role: 'tool', tool_call_id: call.id, content: safeJson(value) || $String(value) });
        });
      });
      return chain.then(function () { return step(n + 1, toolSpecs); });
    });
  };
  return specs.then(function (toolSpecs) {
    memory.push({ role: 'user', content: $String(input) });
    return step(1, toolSpecs);
  });
}

function makeAgent(spec) {
  const state = {
    name: spec.name, systemPrompt: spec.systemPrompt, tools: (spec.tools || []).slice(), memory: [], model: spec.model,
    temperature: spec.temperature, maxSteps: spec.maxSteps === undefined ? 10 : spec.maxSteps, provider: spec.provider,
  };
  const addTool = function (tool) {
    const site = new SpellError('', 'unknown_tool');
    if (state.tools.indexOf(tool) >= 0) return $Promise.resolve();
    return toolSpec(tool, site).then(function () { if (state.tools.indexOf(tool) < 0) state.tools.push(tool); });
  };
  return ObjectFreeze({
    name: state.name,
    run: function (input, opts) { return agentTurn(state, input, opts); },
    stream: function (input, onChunk, opts) { return agentTurn(state, input, opts, onChunk); },
    getSystemPrompt: function () { return state.systemPrompt; },
    setSystemPrompt: function (prompt) { state.systemPrompt = prompt; },
    getTools: function () { return state.tools.slice(); },
    addTool: addTool,
    clearMemory: function () { state.memory.length = 0; },
  });
}

/** The built-in agents (researcher, summarizer, json_extractor), made on first use by name. */
const builtinAgents = JSONparse(agentsJson);

function lookupAgent(name) {
  let agent = agentRegistry.get(name);
  if (!agent) {
    let def;
    for (let i = 0; i < builtinAgents.length; i++) if (builtinAgents[i].name === name) def = builtinAgents[i];
    if (def) {
      agent = makeAgent({ name: def.name, systemPrompt: def.system_prompt, tools: def.tools, maxSteps: def.max_steps });
      agentRegistry.set(def.name, agent);
    }
  }
  if (!agent) throw new SpellError("unknown agent '" + name + "'", 'unknown_agent');
  return agent;
}

const agentsBridge = {
  create: function (spec) {
    if (typeof spec.name !== 'string' || spec.name === '') throw new SpellError("agents.create: 'name' must be a non-empty string", 'bad_argument');
    if (spec.maxSteps !== undefined && !(NumberIsInteger(spec.maxSteps) && spec.maxSteps >= 1)) throw new SpellError("agents.create: 'maxSteps' must be a positive integer", 'bad_argument');
    const tools = spec.tools || [];
    for (let i = 0; i < tools.length; i++) {
      if (typeof tools[i] !== 'string') throw new SpellError('agents.create: tools[' + i + '] must be a tool name string', 'bad_argument');
    }
    const agent = makeAgent(spec); // tool names are looked up at each turn
    agentRegistry.set(spec.name, agent);
    return agent;
  },
  register: function (name, agent) {
    if (typeof agent === 'function') agentRegistry.set(name, { name: name, run: function (input, opts) { return agent(input, opts); } });
    else if (typeof agent.execute === 'function' || typeof agent.run === 'function') agentRegistry.set(name, agent);
    else throw new SpellError("agents.register: agent '" + name + "' needs a run(input, opts) or execute(input, opts) function", 'bad_argument');
  },
  execute: function (name, input, opts) {
    const agent = lookupAgent(name);
    return $Promise.resolve().then(function () { return typeof agent.run === 'function' ? agent.run(input, opts) : agent.execute(input, opts); });
  },
  stream: function (name, input, onChunk, opts) {
    const agent = lookupAgent(name);
    if (typeof agent.stream === 'function') return $Promise.resolve().then(function () { return agent.stream(input, onChunk, opts); });
    return agentsBridge.execute(name, input, opts).then(function (answer) { onChunk(answer); return answer; });
  },
  get: lookupAgent,
  remove: function (name) { lookupAgent(name); agentRegistry.delete(name); },
  updateSystemPrompt: function (name, prompt) {
    const agent = lookupAgent(name);
    if (typeof agent.setSystemPrompt !== 'function') throw new SpellError("agent '" + name + "' has no setSystemPrompt", 'bad_argument');
    agent.setSystemPrompt(prompt);
  },
  addTool: function (name, tool) {
    const agent = lookupAgent(name);
    if (typeof agent.addTool !== 'function') return $Promise.reject(new SpellError("agent '" + name + "' has no addTool", 'bad_argument'));
    return agent.addTool(tool);
  },
  list: function () {
    const names = [];
    agentRegistry.forEach(function (_a, n) { names.push(n); });
    for (let i = 0; i < builtinAgents.length; i++) if (!agentRegistry.has(builtinAgents[i].name)) names.push(builtinAgents[i].name);
    return names.sort();
  },
};
