-- `agents`, go-llmspell compatible: register a function or a table with execute/stream and the
-- system-prompt and tool accessors; `agents.create{...}` makes a real LLM agent that runs the
-- provider's function-calling loop over registered tools, keeps its conversation across calls, stops
-- at max_steps, and reports each tool call and result as run events.
-- go-llmspell's returns: `create` gives the agent's name (`systemPrompt` or `system_prompt`),
-- `execute` a string (a table answer as JSON), `stream` true or false + message, `remove`,
-- `update_system_prompt`, `add_tool` and `register` true or false + message. The agent object
-- itself comes from `agents.new{...}` or `agents.get(name)`; its methods return the raw answer.
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

  -- One turn: user input in, tool-calling loop, final answer out. `emit` (optional) gets text chunks;
  -- when it returns a string the stream stops with that reason.
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
        kit.listeners[id] = function(chunk)
          local reason = emit(chunk)
          if type(reason) == "string" then kit.cancel_call(id, reason) end
        end
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
        return false, "agent '" .. name .. "' needs an execute(self, input, options) function"
      end
      registry[name] = agent
    end
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
      system_prompt = system_prompt, tools = {}, memory = {},
    }, LlmAgent)
    for _, tool in ipairs(spec.tools or {}) do
      local ok, err = agent:add_tool(tool)
      if not ok then return nil, "agents." .. fname .. ": " .. err end
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

  local function lookup(name)
    local agent = registry[name]
    if not agent then return nil, "unknown agent '" .. tostring(name) .. "'" end
    return agent
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
    local r = kit.pack(pcall(agent.execute, agent, input, options))
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
      r = kit.pack(pcall(agent.run, agent, input, options, emit))
      if r[1] and r[2] == nil then return false, stopped or tostring(r[3]) end
    elseif type(agent.stream) == "function" then
      r = kit.pack(pcall(agent.stream, agent, input, options, emit))
      -- a script agent's stream returns nothing on success, an error string (or nil, message) otherwise
      if r[1] and type(r[2]) == "string" then return false, r[2] end
      if r[1] and type(r[3]) == "string" then return false, r[3] end
    else
      local text, terr = agents.execute(name, input, options)
      if text == nil then return false, terr end
      r = kit.pack(pcall(emit, text))
    end
    if not r[1] then return false, tostring(r[2]) end
    if stopped then return false, stopped end
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
  function agents.list()
    local names = {}
    for n in pairs(registry) do names[#names + 1] = n end
    table.sort(names)
    return names
  end

  return agents
end)
