-- `agents`, go-llmspell compatible (register a function or a table with execute/stream and the
-- system-prompt and tool accessors), plus `agents.create{...}`: a real LLM agent that runs the
-- provider's function-calling loop over registered tools, keeps its conversation across calls, stops
-- at max_steps, and reports each tool call and result as run events.
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

  -- One turn: user input in, tool-calling loop, final answer out. `emit` (optional) gets text chunks.
  function LlmAgent:run(input, options, emit)
    options = options or {}
    local memory = self.memory
    memory[#memory + 1] = { role = "user", content = tostring(input) }
    local specs = {}
    for i, name in ipairs(self.tools) do specs[i] = tools.spec(name) end
    for _ = 1, self.max_steps do
      local request = {
        messages = memory, system = self.system_prompt, model = options.model or self.model,
        temperature = options.temperature or self.temperature, tools = #specs > 0 and specs or nil,
      }
      local result, err
      if emit then
        local id = kit.start_call("llm.tool_stream", request)
        kit.listeners[id] = function(chunk) emit(chunk) end
        local ok, value = kit.await_rpc(id)
        if ok then result = value else err = value end
      else
        result, err = kit.call("llm.tool_chat", request)
      end
      if not result then
        memory[#memory] = nil -- forget the unanswered input
        return nil, "agent '" .. self.name .. "': " .. tostring(err)
      end
      local calls = result.toolCalls or {}
      if #calls == 0 then
        memory[#memory + 1] = { role = "assistant", content = result.content or "" }
        return result.content or ""
      end
      memory[#memory + 1] = { role = "assistant", content = result.content or "", tool_calls = calls }
      for _, call in ipairs(calls) do
        local params, perr = kit.json_decode(call.arguments ~= "" and call.arguments or "{}")
        local value, terr
        if perr then terr = "arguments are not valid JSON: " .. perr
        else value, terr = tools.execute(call.name, params) end
        local content
        if terr then content = kit.json_encode({ error = terr })
        else
          local ok, encoded = pcall(kit.json_encode, value)
          content = ok and encoded or tostring(value)
        end
        memory[#memory + 1] = { role = "tool", tool_call_id = call.id, content = content }
      end
    end
    return nil, "agent '" .. self.name .. "' stopped after " .. self.max_steps .. " steps without a final answer"
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
        return nil, "agent '" .. name .. "' needs an execute(self, input, options) function"
      end
      registry[name] = agent
    end
    return true
  end

  function agents.create(spec)
    if type(spec.name) ~= "string" or spec.name == "" then return nil, "agents.create: 'name' must be a non-empty string" end
    local max_steps = spec.max_steps or 10
    if math.type(max_steps) ~= "integer" or max_steps < 1 then return nil, "agents.create: 'max_steps' must be a positive integer" end
    local agent = setmetatable({
      name = spec.name, model = spec.model, temperature = spec.temperature, max_steps = max_steps,
      system_prompt = spec.system_prompt, tools = {}, memory = {},
    }, LlmAgent)
    for _, tool in ipairs(spec.tools or {}) do
      local ok, err = agent:add_tool(tool)
      if not ok then return nil, "agents.create: " .. err end
    end
    if spec.provider then
      local err = env.llm and env.llm.set_provider(spec.provider)
      if err then return nil, "agents.create: " .. err end
    end
    registry[spec.name] = agent
    return agent
  end

  local function lookup(name)
    local agent = registry[name]
    if not agent then return nil, "unknown agent '" .. tostring(name) .. "'" end
    return agent
  end

  local function guarded(fn, ...)
    local r = kit.pack(kit.pcall(fn, ...)) -- a limit error goes through
    if not r[1] then return nil, tostring(r[2]) end
    return table.unpack(r, 2, r.n)
  end

  function agents.execute(name, input, options)
    local agent, err = lookup(name)
    if not agent then return nil, err end
    return guarded(agent.execute, agent, input, options)
  end

  --- Streams the agent's answer to `callback`; agents without stream() send their whole answer once.
  function agents.stream(name, input, callback, options)
    local agent, err = lookup(name)
    if not agent then return nil, err end
    if type(agent.stream) == "function" then return guarded(agent.stream, agent, input, options, callback) end
    local result, rerr = guarded(agent.execute, agent, input, options)
    if result ~= nil then callback(result) end
    return result, rerr
  end

  function agents.get(name)
    return lookup(name)
  end

  function agents.remove(name)
    if not registry[name] then return nil, "unknown agent '" .. tostring(name) .. "'" end
    registry[name] = nil
    return true
  end

  function agents.update_system_prompt(name, prompt)
    local agent, err = lookup(name)
    if not agent then return nil, err end
    if type(agent.set_system_prompt) ~= "function" then return nil, "agent '" .. name .. "' has no set_system_prompt" end
    agent:set_system_prompt(prompt)
    return true
  end

  function agents.add_tool(name, tool)
    local agent, err = lookup(name)
    if not agent then return nil, err end
    if type(agent.add_tool) ~= "function" then return nil, "agent '" .. name .. "' has no add_tool" end
    return agent:add_tool(tool)
  end

  --- Names of the registered agents, sorted.
  function agents.list()
    local names = {}
    for n in pairs(registry) do names[#names + 1] = n end
    table.sort(names)
    return names
  end

  return agents
end)
