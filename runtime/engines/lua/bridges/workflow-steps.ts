/**
 * Part of the Lua `workflow` bridge: `{{path}}` templates and `run_step`, which runs one step of any
 * kind (function, workflow object, llm, tool or agent table) and returns its value or nil + message.
 * Spliced into the bridge's factory, where `kit`, `env`, `is_workflow` are in scope.
 */
export const LUA_WORKFLOW_STEPS = String.raw`
  local function lookup(scope, path)
    local value = scope
    for key in path:gmatch("[^%.]+") do
      if type(value) ~= "table" then return nil end
      value = value[tonumber(key) or key]
    end
    return value
  end

  local function show(v)
    if v == nil then return "" end
    if type(v) == "table" then
      local ok, text = pcall(kit.json_encode, v)
      return ok and text or tostring(v)
    end
    return tostring(v)
  end

  --- "Summarize {{input}}" with values from scope (dotted paths: {{input.title}}, {{results.draft}}).
  local function render(text, scope)
    return (text:gsub("{{%s*([%w_%.]+)%s*}}", function(path) return show(lookup(scope, path)) end))
  end

  --- Renders every string in a table; "{{path}}" alone passes the value itself.
  local function render_deep(value, scope)
    if type(value) == "string" then
      local whole = value:match("^{{%s*([%w_%.]+)%s*}}$")
      if whole then return lookup(scope, whole) end
      return render(value, scope)
    elseif type(value) == "table" then
      local out = {}
      for k, v in pairs(value) do out[k] = render_deep(v, scope) end
      return out
    end
    return value
  end

  local function step_label(step, i)
    if type(step) == "table" and type(step.name) == "string" then return step.name end
    return "step " .. tostring(i)
  end

  --- Calls fn(...) protected: value, or nil + message (a function may also return nil, message).
  local function protected(fn, ...)
    local r = kit.pack(pcall(fn, ...))
    if not r[1] then return nil, tostring(r[2]) end
    if r[2] == nil and r[3] ~= nil then return nil, tostring(r[3]) end
    return r[2]
  end

  local run_step
  --- Runs one step on input; state carries results by step name and the loop's iteration.
  run_step = function(step, input, state)
    local kind = type(step)
    if kind == "function" then return protected(step, input, state) end
    if is_workflow(step) then return step:run(input) end
    if kind ~= "table" then return nil, "a step must be a function, a workflow, or a table with llm, tool, agent or run (got " .. kind .. ")" end
    local scope = setmetatable({ input = input }, { __index = state })
    if step.llm ~= nil then
      if type(step.llm) ~= "string" then return nil, "llm must be a prompt string" end
      local opts = { model = step.model, temperature = step.temperature, max_tokens = step.max_tokens,
        system = step.system and render(step.system, scope) or nil }
      local prompt = render(step.llm, scope)
      if step.schema ~= nil then return env.llm.chat_json(prompt, step.schema, opts) end
      return env.llm.chat(prompt, opts)
    elseif step.tool ~= nil then
      local params = step.params
      if type(params) == "function" then
        local err
        params, err = protected(params, input, state)
        if params == nil then return nil, err or "params() gave nothing" end
      elseif params == nil then
        params = type(input) == "table" and input or { input = input }
      else
        params = render_deep(params, scope)
      end
      return env.tools.execute(step.tool, params)
    elseif step.agent ~= nil then
      local prompt = step.prompt and render(step.prompt, scope) or show(input)
      if type(step.agent) == "string" then return env.agents.execute(step.agent, prompt) end
      if type(step.agent) == "table" and type(step.agent.execute) == "function" then return protected(step.agent.execute, step.agent, prompt) end
      return nil, "agent must be an agent or the name of a registered one"
    elseif step.run ~= nil then
      return run_step(step.run, input, state)
    end
    return nil, "a step table needs llm, tool, agent or run"
  end
`;
