/**
 * Part of the Lua `workflow` bridge: the four patterns. Spliced into the bridge's factory, where
 * `kit`, `env`, `new`, `check_spec`, `run_step`, `step_label` and `show` are in scope.
 */
export const LUA_WORKFLOW_PATTERNS = String.raw`
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
`;
