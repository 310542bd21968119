-- `agents`, go-llmspell compatible: register a function or a table with execute/stream and the
-- system-prompt and tool accessors; `agents.create{...}` makes a real LLM agent that keeps its
-- conversation across calls. Its turns run in the host's one agent loop (`agents.turn`: the provider's
-- function-calling loop, max_steps, built-in tools), which asks this engine to run the tools the spell
-- defined and the hand-offs; each tool call and result is reported as a run event.
-- go-llmspell's returns: `create` gives the agent's name (`systemPrompt` or `system_prompt`),
-- `execute` a string (a table answer as JSON), `stream` true or false + message, `remove`,
-- `update_system_prompt`, `add_tool` and `register` true or false + message. The agent object
-- itself comes from `agents.new{...}` or `agents.get(name)`; its methods return the raw answer.
-- Beyond go-llmspell: `agents.save/load` (or `persist = true`) keep an agent's settings and
-- conversation in the spell's storage across runs; `agents.as_tool` makes an agent a tool another
-- agent can call; `handoffs = {...}` lets an agent hand the turn to another agent.
__llmspell_bridge("agents", function(kit, env)
  local tools = env.tools
  local registry = {}

  local function arg_error(fname, index, expected, value)
    error(("agents.%s: bad argument #%d (%s expected, got %s)"):format(fname, index, expected, type(value)), 3)
  end

  -- An LLM agent: a table with the same methods a script-defined agent has.
  local LlmAgent = {}
  LlmAgent.__index = LlmAgent

  function LlmAgent:get_system_prompt() return self.system_prompt end
  function LlmAgent:set_system_prompt(p) self.system_prompt = p end
  function LlmAgent:get_tools() return { table.unpack(self.tools) } end
  function LlmAgent:add_tool(name)
    for _, n in ipairs(self.tools) do if n == name then return true end end
    if not tools.spec(name) then return nil, "unknown tool '" .. tostring(name) .. "'" end
    self.tools[#self.tools + 1] = name
    return true
  end
  function LlmAgent:clear_memory() self.memory = {} end

  local save_agent, load_state -- defined with agents.save below

  -- Runs the hand-off to `name` with `ask`: its answer ends this agent's turn.
  local function hand_off(self, name, ask, options, emit)
    local target = registry[name]
    if not target then return nil, "unknown agent '" .. name .. "'" end
    kit.notify("agent-handoff", { from = self.name, to = name })
    if getmetatable(target) == LlmAgent then return target:run(ask, options, emit) end
    local r = kit.pack(kit.pcall(target.execute, target, ask, options))
    if not r[1] then return nil, tostring(r[2]) end
    if r[2] == nil then return nil, tostring(r[3]) end
    if emit then emit(tostring(r[2])) end
    return r[2]
  end

  -- One turn: user input in, the host's agent loop (agents.turn), final answer out. `emit` (optional)
  -- gets text chunks; when it returns a string the stream stops with that reason. A persistent agent
  -- saves afterwards.
  function LlmAgent:run(input, options, emit)
    local r = kit.pack(self:turn(input, options, emit))
    if self.persist and r[1] ~= nil then
      local ok, err = save_agent(self)
      if not ok then return nil, "agent '" .. self.name .. "': could not save its state: " .. err end
    end
    return table.unpack(r, 1, r.n)
  end

  -- Answers one request of the host's loop: a tool the spell defined (through tools.execute, which
  -- checks its parameters and reports it like any call) or a hand-off; agents.tool_result replies.
  local function serve(self, event, input, options, emit, handed)
    local outcome
    if event.handoff ~= nil then
      local ask = type(event.input) == "string" and event.input ~= "" and event.input or input
      local answer, err = hand_off(self, tostring(event.handoff), ask, options, emit)
      if answer == nil then outcome = { error = tostring(err) }
      else
        handed.value = answer -- the turn returns it as it is (a script agent's table stays a table)
        outcome = { answer = tostring(answer) }
      end
    else
      local value, err = tools.execute(tostring(event.tool), event.arguments)
      if err ~= nil then outcome = { error = tostring(err) }
      else
        local ok, encoded = pcall(kit.json_encode, value)
        outcome = { content = ok and encoded or tostring(value) }
      end
    end
    kit.call("agents.tool_result", event.request, outcome)
  end

  function LlmAgent:turn(input, options, emit)
    options = options or {}
    local specs, handoffs = {}, {}
    for _, name in ipairs(self.tools) do
      local spec, own = tools.spec(name)
      if spec then
        specs[#specs + 1] = { name = spec.name, description = spec.description, parameters = spec.parameters, spell = own }
      end
    end
    for _, name in ipairs(self.handoffs) do
      local target = registry[name]
      handoffs[#handoffs + 1] = { name = name, about = target and type(target.system_prompt) == "string" and target.system_prompt or nil }
    end
    local request = {
      name = self.name, input = tostring(input), memory = self.memory, system = self.system_prompt,
      model = options.model or self.model, temperature = options.temperature or self.temperature,
      max_steps = self.max_steps, tools = specs, handoffs = handoffs, stream = emit ~= nil,
    }
    local handed = {}
    local id = kit.start_call("agents.turn", request)
    kit.listeners[id] = function(event)
      if type(event) == "string" then
        local reason = emit and emit(event)
        if type(reason) == "string" then kit.cancel_call(id, reason) end
      elseif type(event) == "table" and event.request ~= nil then
        serve(self, event, input, options, emit, handed)
      end
    end
    local ok, result = kit.await_rpc(id)
    if not ok then return nil, "agent '" .. self.name .. "': " .. tostring(result) end
    -- The conversation as the host's loop left it, in place (a spell may hold the table).
    local memory = self.memory
    for i = #memory, 1, -1 do memory[i] = nil end
    for i, message in ipairs(result.memory or {}) do memory[i] = message end
    if result.error ~= nil then return nil, tostring(result.error) end
    if result.handoff ~= nil and handed.value ~= nil then return handed.value end
    return result.answer
  end

  function LlmAgent:execute(input, options) return self:run(input, options) end
  function LlmAgent:stream(input, options, emit) return self:run(input, options, emit) end

  local agents = {}

  function agents.register(name, agent)
    if type(name) ~= "string" or name == "" then arg_error("register", 1, "non-empty string", name) end
    local t = type(agent)
    if t == "function" then
      registry[name] = { name = name, execute = function(_, input, options) return agent(input, options) end }
    elseif t == "table" then
      if type(agent.execute) ~= "function" then
        return false, "agent '" .. name .. "' needs an execute(self, input, options) function"
      end
      registry[name] = agent
    end
    return true
  end

  -- Where an agent's state lives in the spell's storage.
  local function state_path(name)
    if type(name) ~= "string" or not name:match("^[%w_.-]+$") then return nil, "agent names to save are letters, digits, '_', '.' and '-'" end
    return "agents/" .. name .. ".json"
  end

  --- The saved state of agent `name`, or nil + message.
  load_state = function(name)
    local path, perr = state_path(name)
    if not path then return nil, perr end
    local exists = kit.call("storage.exists", path)
    if not exists then return nil, "no saved agent '" .. name .. "' (agents.save stores one)" end
    local text, err = kit.call("storage.read", path)
    if not text then return nil, err end
    local data, derr = kit.json_decode(text)
    if type(data) ~= "table" then return nil, "saved agent '" .. name .. "' is not valid: " .. tostring(derr) end
    return data
  end

  save_agent = function(agent)
    local path, perr = state_path(agent.name)
    if not path then return false, perr end
    local data = {
      name = agent.name, system_prompt = agent.system_prompt, model = agent.model, temperature = agent.temperature,
      max_steps = agent.max_steps, tools = agent.tools, handoffs = agent.handoffs, memory = agent.memory, persist = agent.persist,
    }
    local ok, encoded = pcall(kit.json_encode, data)
    if not ok then return false, tostring(encoded) end
    local _, err = kit.call("storage.write", path, encoded)
    if err then return false, err end
    return true
  end

  -- Builds and registers an LLM agent; `fname` names the caller in errors.
  local function make_agent(fname, spec)
    if type(spec.name) ~= "string" or spec.name == "" then return nil, "agents." .. fname .. ": 'name' must be a non-empty string" end
    local max_steps = spec.max_steps or spec.maxSteps or 10
    if math.type(max_steps) ~= "integer" or max_steps < 1 then return nil, "agents." .. fname .. ": 'max_steps' must be a positive integer" end
    local system_prompt = spec.system_prompt or spec.systemPrompt or spec.system
    if system_prompt ~= nil and type(system_prompt) ~= "string" then
      return nil, "agents." .. fname .. ": 'system_prompt' must be a string"
    end
    local agent = setmetatable({
      name = spec.name, model = spec.model, temperature = spec.temperature, max_steps = max_steps,
      system_prompt = system_prompt, tools = {}, memory = {}, handoffs = {},
      persist = spec.persist == true,
    }, LlmAgent)
    for _, tool in ipairs(spec.tools or {}) do
      local ok, err = agent:add_tool(tool)
      if not ok then return nil, "agents." .. fname .. ": " .. err end
    end
    for _, target in ipairs(spec.handoffs or {}) do
      if type(target) ~= "string" or target == "" then return nil, "agents." .. fname .. ": 'handoffs' must list agent names" end
      agent.handoffs[#agent.handoffs + 1] = target
    end
    if agent.persist then
      -- Picks up the conversation a previous run saved (settings come from this spec).
      local saved = load_state(spec.name)
      if saved and type(saved.memory) == "table" then agent.memory = saved.memory end
    end
    if spec.provider then
      local err = env.llm and env.llm.set_provider(spec.provider)
      if err then return nil, "agents." .. fname .. ": " .. err end
    end
    registry[spec.name] = agent
    return agent
  end

  --- go-llmspell: the new agent's name, or nil + message.
  function agents.create(spec)
    local agent, err = make_agent("create", spec)
    if not agent then return nil, err end
    return agent.name
  end

  --- The agent object (methods run, stream, execute, ...), or nil + message.
  function agents.new(spec)
    return make_agent("new", spec)
  end

  -- Built-in agents (researcher, summarizer, json_extractor): defined in the host, made on first use.
  local builtins = nil
  local function builtin_defs()
    if not builtins then
      builtins = {}
      for _, def in ipairs(kit.call("agents.builtin_list") or {}) do builtins[def.name] = def end
    end
    return builtins
  end

  local function lookup(name)
    local agent = registry[name]
    if agent then return agent end
    local def = type(name) == "string" and builtin_defs()[name]
    if def then
      local made, err = make_agent("get", { name = def.name, system_prompt = def.system_prompt, tools = def.tools, max_steps = def.max_steps })
      if not made then return nil, "built-in agent '" .. name .. "': " .. err end
      made.builtin = true
      return made
    end
    return nil, "unknown agent '" .. tostring(name) .. "'"
  end

  -- go-llmspell's rendering of an agent's answer as text: a table as JSON, nil as "".
  local function as_text(value)
    local t = type(value)
    if t == "string" then return value end
    if t == "table" then
      local ok, encoded = pcall(kit.json_encode, value)
      if ok then return encoded end
      return nil, "error converting result: " .. tostring(encoded)
    end
    if value == nil then return "" end
    return tostring(value)
  end

  --- go-llmspell: the answer as a string (a table answer as JSON), or nil + message.
  function agents.execute(name, input, options)
    local agent, err = lookup(name)
    if not agent then return nil, err end
    local r = kit.pack(kit.pcall(agent.execute, agent, input, options))
    if not r[1] then return nil, tostring(r[2]) end
    if type(r[3]) == "string" then return nil, r[3] end
    if r[2] == nil and r[3] ~= nil then return nil, tostring(r[3]) end
    return as_text(r[2])
  end

  --- go-llmspell: true once the answer has streamed to `callback`, or false + message. A callback
  --- that returns false stops the stream. Agents without stream() send their whole answer once.
  function agents.stream(name, input, callback, options)
    local agent, err = lookup(name)
    if not agent then return false, err end
    local stopped = nil
    local function emit(chunk)
      if stopped then return stopped end
      if callback(chunk) == false then stopped = "streaming stopped by callback" end
      return stopped
    end
    local r
    if getmetatable(agent) == LlmAgent then
      r = kit.pack(kit.pcall(agent.run, agent, input, options, emit))
      if r[1] and r[2] == nil then return false, stopped or tostring(r[3]) end
    elseif type(agent.stream) == "function" then
      r = kit.pack(kit.pcall(agent.stream, agent, input, options, emit))
      -- a script agent's stream returns nothing on success, an error string (or nil, message) otherwise
      if r[1] and type(r[2]) == "string" then return false, r[2] end
      if r[1] and type(r[3]) == "string" then return false, r[3] end
    else
      local text, terr = agents.execute(name, input, options)
      if text == nil then return false, terr end
      r = kit.pack(kit.pcall(emit, text))
    end
    if not r[1] then return false, tostring(r[2]) end
    if stopped then return false, stopped end
    return true
  end

  --- Saves an LLM agent's settings and conversation in the spell's storage: true, or false + message.
  function agents.save(name)
    local agent, err = lookup(name)
    if not agent then return false, err end
    if getmetatable(agent) ~= LlmAgent then return false, "agent '" .. name .. "' is not an LLM agent (only agents.create ones can be saved)" end
    return save_agent(agent)
  end

  --- Registers a saved agent again, conversation included: its name, or nil + message.
  function agents.load(name)
    local data, err = load_state(name)
    if not data then return nil, err end
    local agent, merr = make_agent("load", {
      name = name, system_prompt = data.system_prompt, model = data.model, temperature = data.temperature,
      max_steps = data.max_steps, tools = data.tools, handoffs = data.handoffs, persist = data.persist,
    })
    if not agent then return nil, merr end
    agent.memory = type(data.memory) == "table" and data.memory or {}
    return name
  end

  --- Makes agent `name` a tool (`{ input = "..." }` in, its answer out) that other agents can call.
  function agents.as_tool(name, tool_name, description)
    local found, err = lookup(name)
    if not found then return false, err end
    tool_name = tool_name or name
    local schema = { type = "object", properties = { input = { type = "string", description = "What to ask the agent" } }, required = { "input" } }
    local ok, terr = tools.register(tool_name, description or ("Asks the agent '" .. name .. "' and returns its answer."), schema, function(p)
      local answer, aerr = agents.execute(name, p.input)
      if answer == nil then return nil, aerr end
      return answer
    end)
    if not ok then return false, terr end
    return true
  end

  function agents.get(name)
    return lookup(name)
  end

  function agents.remove(name)
    if not registry[name] then return false, "unknown agent '" .. tostring(name) .. "'" end
    registry[name] = nil
    return true
  end

  function agents.update_system_prompt(name, prompt)
    local agent, err = lookup(name)
    if not agent then return false, err end
    if type(agent.set_system_prompt) == "function" then agent:set_system_prompt(prompt)
    else agent.system_prompt = prompt end -- go-llmspell sets the field when there is no setter
    return true
  end

  function agents.add_tool(name, tool)
    local agent, err = lookup(name)
    if not agent then return false, err end
    if type(agent.add_tool) ~= "function" then return false, "agent table must have an 'add_tool' method" end
    local ok, aerr = agent:add_tool(tool)
    if type(ok) == "string" then return false, ok end -- go-llmspell: a returned string is the error
    if not ok and aerr ~= nil then return false, tostring(aerr) end
    return true
  end

  --- Names of the registered agents, sorted.
  --- Names of the registered agents and the built-in ones, sorted.
  function agents.list()
    local names, seen = {}, {}
    for n in pairs(registry) do names[#names + 1] = n seen[n] = true end
    for n in pairs(builtin_defs()) do if not seen[n] then names[#names + 1] = n end end
    table.sort(names)
    return names
  end

  return agents
end)
