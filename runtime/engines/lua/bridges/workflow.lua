-- `workflow`: compose steps inside a Lua spell. `workflow.sequential`, `.parallel`, `.conditional`
-- and `.loop` build workflow objects from steps: Lua functions, `{llm = "prompt {{input}}"}`,
-- `{tool = name, params = ...}`, `{agent = agent_or_name}`, or other workflow objects. They run in
-- the VM on the existing globals (parallel branches as concurrent tasks). `workflow.load(path)` loads
-- a workflow file that runs in the host. `wf:run(input)` → output, or nil + message.
-- In order: the step runner, then the four patterns, then files and `workflow.output`.
__llmspell_bridge("workflow", function(kit, env)
  local workflow = {}
  local Workflow = {}
  Workflow.__index = Workflow
  Workflow.__name = "workflow"
  local function is_workflow(v) return type(v) == "table" and getmetatable(v) == Workflow end

  --- A workflow object; runner(self, input) returns the output, or nil + message.
  local function new(kind, spec, runner)
    return setmetatable({ kind = kind, name = spec.name or kind, description = spec.description, _runner = runner }, Workflow)
  end

  function Workflow:run(input, opts)
    if not is_workflow(self) then error("workflow: call run with a colon: wf:run(input)", 2) end
    local r = kit.pack(pcall(self._runner, self, input, opts))
    if not r[1] then return nil, "workflow '" .. self.name .. "': " .. tostring(r[2]) end
    if r[2] == nil and r[3] ~= nil then return nil, "workflow '" .. self.name .. "': " .. tostring(r[3]) end
    return r[2]
  end
  Workflow.execute = Workflow.run

  local function check_spec(fname, spec)
    if type(spec) ~= "table" then error(("workflow.%s: bad argument #1 (table expected, got %s)"):format(fname, type(spec)), 3) end
    if spec.name ~= nil and type(spec.name) ~= "string" then error(("workflow.%s: name must be a string"):format(fname), 3) end
  end

  -- Steps: `{{path}}` templates and `run_step`, which runs one step of any kind (function, workflow
  -- object, llm, tool or agent table) and returns its value or nil + message.

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

  -- The four patterns.
  local function steps_of(fname, spec)
    if type(spec.steps) ~= "table" then error(("workflow.%s: steps must be a table of steps"):format(fname), 3) end
    local names, steps = {}, {}
    if #spec.steps > 0 then
      for i, s in ipairs(spec.steps) do names[i], steps[i] = step_label(s, i), s end
    else
      for k in pairs(spec.steps) do names[#names + 1] = k end
      table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
      for i, k in ipairs(names) do steps[i] = spec.steps[k] end
    end
    if #steps == 0 then error(("workflow.%s: steps is empty"):format(fname), 3) end
    return names, steps
  end

  --- Each step gets the previous step's output; the last output is the result.
  function workflow.sequential(spec)
    check_spec("sequential", spec)
    local names, steps = steps_of("sequential", spec)
    return new("sequential", spec, function(_, input)
      local state, value = { results = {} }, input
      for i, step in ipairs(steps) do
        local out, err = run_step(step, value, state)
        if out == nil and err ~= nil then return nil, "step '" .. names[i] .. "' failed: " .. err end
        value = out
        state.results[names[i]] = out
      end
      return value
    end)
  end

  local function tally(values, n)
    local counts, order = {}, {}
    for i = 1, n do
      local key = type(values[i]) == "string" and values[i]:lower():gsub("^%s+", ""):gsub("%s+$", "") or show(values[i])
      if not counts[key] then counts[key] = { value = values[i], count = 0 }; order[#order + 1] = key end
      counts[key].count = counts[key].count + 1
    end
    local best = nil
    for _, key in ipairs(order) do if not best or counts[key].count > best.count then best = counts[key] end end
    return best and best.value
  end

  --- Every step gets the same input, concurrently; aggregate = "list" | "map" | "first" | "vote".
  function workflow.parallel(spec)
    check_spec("parallel", spec)
    local names, steps = steps_of("parallel", spec)
    local mode = spec.aggregate or "list"
    if mode ~= "list" and mode ~= "map" and mode ~= "first" and mode ~= "vote" then
      error("workflow.parallel: aggregate must be list, map, first or vote", 2)
    end
    return new("parallel", spec, function(_, input)
      local done, resolve = env.promise.deferred()
      local values, failures, n = {}, 0, #steps
      local first_error, remaining = nil, n
      for i, step in ipairs(steps) do
        kit.spawn(function()
          local out, err = run_step(step, input, { branch = names[i] })
          remaining = remaining - 1
          if out == nil and err ~= nil then
            failures = failures + 1
            first_error = first_error or ("branch '" .. tostring(names[i]) .. "' failed: " .. err)
          else
            values[i] = out
            if mode == "first" and done.state == "pending" then return resolve(out) end
          end
          if remaining == 0 and done.state == "pending" then resolve(true) end
        end)
      end
      local result = done:await()
      if mode == "first" then
        if failures == n then return nil, first_error end
        return result
      end
      if first_error then return nil, first_error end
      if mode == "vote" then return tally(values, n) end
      if mode == "map" then
        local map = {}
        for i = 1, n do map[names[i]] = values[i] end
        return map
      end
      return values
    end)
  end

  local function classify(spec, input)
    local labels = spec.classify.labels
    local system = "Classify the user's message into exactly one of these labels: " .. table.concat(labels, ", ") .. ".\nAnswer with the label only."
    local answer, err = env.llm.chat(spec.classify.prompt and spec.classify.prompt:gsub("{{%s*input%s*}}", function() return show(input) end) or show(input), { system = system, temperature = 0 })
    if not answer then return nil, err end
    local plain = answer:lower()
    for _, label in ipairs(labels) do if plain:match("^%s*" .. label:lower():gsub("%p", "%%%0") .. "%s*%p*%s*$") then return label end end
    for _, label in ipairs(labels) do if plain:find("%f[%w]" .. label:lower():gsub("%p", "%%%0") .. "%f[^%w]") then return label end end
    return nil, "the model's answer names none of " .. table.concat(labels, ", ")
  end

  --- Picks a branch by condition(input) (a name or a boolean) or by an LLM classification.
  function workflow.conditional(spec)
    check_spec("conditional", spec)
    if type(spec.branches) ~= "table" then error("workflow.conditional: branches must be a table", 2) end
    if type(spec.condition) ~= "function" and type(spec.classify) ~= "table" then
      error("workflow.conditional: give condition = function(input) or classify = { labels = {...} }", 2)
    end
    return new("conditional", spec, function(_, input)
      local key, err
      if spec.condition then
        local r = kit.pack(pcall(spec.condition, input))
        if not r[1] then return nil, "condition failed: " .. tostring(r[2]) end
        key = r[2]
      else key, err = classify(spec, input) end
      if key == nil and err ~= nil and spec.default == nil then return nil, err end
      local branch = spec.branches[key]
      if branch == nil and type(key) == "boolean" then branch = spec.branches[tostring(key)] end
      branch = branch or spec.default
      if branch == nil then return nil, "no branch for " .. show(key) .. " and no default" end
      return run_step(branch, input, { branch = key })
    end)
  end

  --- Repeats step: count = n, for_each = list (or true: the input list), while_/until_ = fn(value, i).
  function workflow.loop(spec)
    check_spec("loop", spec)
    local step = spec.step or spec.body
    if step == nil then error("workflow.loop: step must be given", 2) end
    local while_, until_ = spec.while_ or spec["while"], spec.until_ or spec["until"]
    local max = spec.max_iterations or 10
    return new("loop", spec, function(_, input)
      if spec.for_each ~= nil then
        local items = spec.for_each == true and input or spec.for_each
        if type(items) == "function" then items = items(input) end
        if type(items) ~= "table" then return nil, "for_each needs a list" end
        local results = {}
        for i, item in ipairs(items) do
          local out, err = run_step(step, item, { iteration = i, index = i, input = input })
          if out == nil and err ~= nil then return nil, "iteration " .. i .. " failed: " .. err end
          results[i] = out
        end
        return results
      end
      local value, rounds = input, spec.count or max
      for i = 1, rounds do
        if while_ and not while_(value, i) then return value end
        local out, err = run_step(step, value, { iteration = i })
        if out == nil and err ~= nil then return nil, "iteration " .. i .. " failed: " .. err end
        value = out
        if until_ and until_(value, i) then return value end
      end
      if (while_ or until_) and spec.on_limit ~= "finish" then
        return nil, "reached max_iterations (" .. max .. ") before the loop's condition ended it"
      end
      return value
    end)
  end

  --- Loads a workflow file (relative to the working folder); it runs in the host: wf:run(inputs).
  function workflow.load(path)
    if type(path) ~= "string" then error("workflow.load: bad argument #1 (string expected, got " .. type(path) .. ")", 2) end
    local info, err = kit.call("workflow.load_file", path)
    if not info then return nil, err end
    local wf = new("file", { name = info.name, description = info.description }, function(_, inputs, opts)
      if inputs ~= nil and type(inputs) ~= "table" then return nil, "inputs must be a table" end
      opts = opts or {}
      if type(opts.on_event) ~= "function" then return kit.call("workflow.run_file", path, inputs or {}, {}) end
      local id = kit.start_call("workflow.run_file", path, inputs or {}, { events = true })
      kit.listeners[id] = function(event) pcall(opts.on_event, event) end
      local ok, value = kit.await_rpc(id)
      if ok then return value end
      return nil, value
    end)
    wf.path, wf.inputs, wf.outputs = path, info.inputs, info.outputs
    return wf
  end

  --- Runs a workflow file (relative to the working folder) in the host: its outputs, or nil + message.
  function workflow.run_file(path, inputs)
    return kit.call("workflow.run_file", path, inputs or {}, {})
  end

  --- Hands a value back to the workflow node that runs this spell or script.
  function workflow.output(value)
    return kit.call("workflow.output", value)
  end

  workflow.is_workflow = is_workflow
  return workflow
end)
