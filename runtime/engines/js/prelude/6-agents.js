/**
 * `agents` in JavaScript. `agents.create` makes an LLM agent that keeps its conversation across turns;
 * each turn runs in the host's one agent loop (`agents.turn`: the provider's function-calling loop,
 * maxSteps, built-in tools, streamed text), which asks this engine to run the tools the spell defined.
 * Anything with `execute` registers too.
 */
const agentRegistry = new $Map();

/** Answers a tool request of the host's loop with the spell's own tool (tools.execute reports it). */
function serveAgentTool(event) {
  $Promise.resolve()
    .then(function () { return toolsBridge.execute($String(event.tool), event.arguments); })
    .then(function (value) { return { content: safeJson(value) || $String(value) }; }, function (e) { return { error: describe(e).message }; })
    .then(function (outcome) { return rpc('agents.tool_result', [event.request, outcome]); })
    .then(undefined, function () {}); // the turn is over (stopped): nobody waits for this answer
}

/** One turn of an LLM agent; emit (optional) gets answer text chunks. */
function agentTurn(state, input, opts, emit) {
  const site = new SpellError('', 'agent_error');
  const options = opts || {};
  const who = "agent '" + state.name + "'";
  const setup = state.provider
    ? rpc('llm.set_provider', [state.provider]).then(function () { state.provider = undefined; })
    : $Promise.resolve();
  const specs = setup
    .then(function () {
      return $Promise.all(state.tools.map(function (n) {
        return findTool(n).then(function (t) {
          if (!t) throw new SpellError("unknown tool '" + n + "'", 'unknown_tool');
          return { name: t.name, description: t.description, parameters: t.parameters, spell: t.run !== undefined };
        });
      }));
    })
    .then(undefined, function (e) { throw failed(site, who + ': ' + describe(e).message, e && e.code); });
  return specs.then(function (toolSpecs) {
    const request = {
      name: state.name, input: $String(input), memory: state.memory, system: state.systemPrompt,
      model: options.model || state.model,
      temperature: options.temperature === undefined ? state.temperature : options.temperature,
      max_steps: state.maxSteps, tools: toolSpecs, handoffs: [], stream: emit !== undefined,
    };
    const serve = function (event) {
      if (event !== null && typeof event === 'object' && event.request !== undefined) serveAgentTool(event);
    };
    let answer;
    if (emit) answer = streamCall('agents.turn', [request], emit, new SpellError('', 'bridge_error'), serve);
    else {
      const id = startCall('agents.turn', [request]);
      listeners.set(id, serve);
      answer = awaitCall(id, new SpellError('', 'bridge_error'));
    }
    return answer.then(function (result) {
      // the conversation as the host's loop left it, in place (clearMemory empties this same array)
      state.memory.length = 0;
      const memory = result.memory || [];
      for (let i = 0; i < memory.length; i++) state.memory.push(memory[i]);
      if (result.error !== undefined) throw failed(site, result.error, result.code);
      return result.answer;
    }, function (e) {
      throw failed(site, who + ': ' + describe(e).message, e && e.code);
    });
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
