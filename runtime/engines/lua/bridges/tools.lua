-- `tools`, go-llmspell compatible: spells register tools written in Lua; built-in tools (calculator,
-- web_fetch, hash, ...) live in the host and come through the same registry. Parameters are checked
-- against the tool's JSON Schema (ajv, in the host) before a tool runs.
__llmspell_bridge("tools", function(kit)
  local registry = {}   -- name -> { name, description, parameters, fn }
  local builtins = nil  -- name -> { name, description, parameters }, loaded on first use

  local function load_builtins()
    if builtins then return builtins end
    builtins = {}
    local list = kit.call("tools.builtin_list")
    for _, t in ipairs(list or {}) do builtins[t.name] = t end
    return builtins
  end

  local function arg_error(fname, index, expected, value)
    error(("tools.%s: bad argument #%d (%s expected, got %s)"):format(fname, index, expected, type(value)), 3)
  end

  local function find(name)
    return registry[name] or load_builtins()[name]
  end

  local function describe(t)
    return { name = t.name, description = t.description, parameters = t.parameters, builtin = t.fn == nil }
  end

  local tools = {}

  function tools.register(name, description, schema, fn)
    if type(name) ~= "string" or name == "" then arg_error("register", 1, "non-empty string", name) end
    if registry[name] then return nil, "tool '" .. name .. "' is already registered" end
    registry[name] = { name = name, description = description, parameters = schema or { type = "object" }, fn = fn }
    return true
  end

  --- true, or false + the validation errors joined (each names its field).
  function tools.validate(name, params)
    local t = find(name)
    if not t then return false, "unknown tool '" .. tostring(name) .. "'" end
    local result, err = kit.call("tools.validate", t.parameters, params or {})
    if not result then return false, err end
    if result.valid then return true end
    return false, "invalid parameters for tool '" .. name .. "': " .. table.concat(result.errors or {}, "; ")
  end

  function tools.execute(name, params)
    local t = find(name)
    if not t then return nil, "unknown tool '" .. name .. "'" end
    kit.notify("tool-call", { tool = name, arguments = params or {} })
    local value, err
    if t.fn then
      local valid, problem = tools.validate(name, params)
      if not valid then
        err = problem
      else
        local r = kit.pack(kit.pcall(t.fn, params or {})) -- a limit error goes through
        if not r[1] then err = "tool '" .. name .. "' failed: " .. tostring(r[2])
        elseif r[2] == nil and r[3] ~= nil then err = tostring(r[3])
        else value = r[2] end
      end
    else
      value, err = kit.call("tools.builtin_execute", name, params or {})
    end
    kit.notify("tool-result", { tool = name, ok = err == nil, result = err == nil and value or nil, error = err })
    if err ~= nil then return nil, err end
    return value
  end

  function tools.get(name)
    local t = find(name)
    if not t then return nil, "unknown tool '" .. tostring(name) .. "'" end
    return describe(t)
  end

  --- Every tool, script-defined and built-in, sorted by name.
  function tools.list()
    local names, seen = {}, {}
    for n in pairs(registry) do names[#names + 1] = n; seen[n] = true end
    for n in pairs(load_builtins()) do if not seen[n] then names[#names + 1] = n end end
    table.sort(names)
    local list = {}
    for i, n in ipairs(names) do list[i] = describe(find(n)) end
    return list
  end

  function tools.remove(name)
    -- go-llmspell: false + message for a tool that is not there
    if not registry[name] then return false, "unknown script tool '" .. tostring(name) .. "'" end
    registry[name] = nil
    return true
  end

  --- For agents: the spec the LLM sees, and whether the spell defined the tool (it then runs here).
  function tools.spec(name)
    local t = find(name)
    if not t then return nil end
    return { name = t.name, description = t.description, parameters = t.parameters }, t.fn ~= nil
  end

  return tools
end)
