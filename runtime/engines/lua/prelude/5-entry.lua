-- Bridge registration and `__llmspell_run`, the function lua-engine.ts drives.
-- Bridges installed by lua-engine.ts register here; each gets the kit to build its global.
local kit = {
  call = call, call_async = call_async, start_call = start_call, await_rpc = await_rpc,
  cancel_call = cancel_call, listeners = listeners,
  spawn = spawn, park = park, waker = waker, sleep_until = sleep_until, add_timer = add_timer,
  json_encode = json_encode, json_decode = json_decode, host = host, pack = pack,
  pending_count = function() return outstanding end,
  live_tasks = function() return live_tasks end,
  --- Tells the host about something worth showing (a tool call, an agent step) as a run event.
  notify = function(name, data)
    local ok, encoded = pcall(json_encode, data)
    host.notify(name, ok and encoded or "{}")
  end,
  guard = guard,
  --- pcall for spell code run by a bridge: re-raises a limit error instead of catching it.
  pcall = wrapped_pcall,
}
local bridges = {}
--- Registers a global. `options.test_only`: installed only when the run is a spell test.
function __llmspell_bridge(name, factory, options)
  bridges[#bridges + 1] = { name = name, factory = factory, test_only = options and options.test_only }
end

local env = nil

--- Builds the spell's environment and every bridge before the spell is known (warm processes).
function __llmspell_prepare()
  __llmspell_prepare, __llmspell_bridge = nil, nil
  env = build_env({})
  for _, b in ipairs(bridges) do
    if not b.test_only then env[b.name] = b.factory(kit, env) end
  end
end

--- Wraps every described bridge function with the argument checks derived from the bridge
--- description (engines/arg-specs.ts): a wrong type raises at the caller's line, naming function, argument
--- and types, the same for every bridge.
local function check_args(specs)
  local function kind_ok(kind, v)
    local t = type(v)
    if kind == "any" then return true end
    if kind == "integer" then return mtype(v) == "integer" or (t == "number" and v == floor(v)) end
    return t == kind
  end
  for module, functions in pairs(specs) do
    local face = env[module]
    if type(face) == "table" then
      for name, spec in pairs(functions) do
        local params = spec.params
        local fn = rawget(face, name)
        if type(fn) == "function" and #params > 0 then
          local label = module .. "." .. name
          face[name] = function(...)
            for i, param in ipairs(params) do
              local v = select(i, ...)
              if not (v == nil and param[3]) then
                local ok = false
                for _, kind in ipairs(param[2]) do if kind_ok(kind, v) then ok = true break end end
                if not ok then
                  error(("%s: bad argument #%d '%s' (%s expected, got %s)"):format(label, i, param[1], concat(param[2], " or "), type(v)), 2)
                end
              end
            end
            return fn(...)
          end
        end
      end
    end
  end
end
function __llmspell_check_args(specs)
  __llmspell_check_args = nil
  check_args(specs)
end

function __llmspell_run(code, chunkname, params, testing, max_instructions)
  __llmspell_run = nil
  spell_source = "=" .. chunkname
  instruction_budget = max_instructions
  -- An instruction budget's hook checks the deadline and flushes output itself: no watchdog then.
  unwatched = not max_instructions
  env.params = params or {}
  if testing then
    for _, b in ipairs(bridges) do
      if b.test_only then
        for k, v in pairs(b.factory(kit, env)) do env[k] = v end
      end
    end
  end
  local chunk, err = load(code, "=" .. chunkname, "t", env)
  if not chunk then error(err, 0) end
  guard(co_running())
  -- The main chunk's first return value, as JSON text for the host (printed after the run, a
  -- workflow node's output); a value JSON cannot hold (a function, a cycle) is sent as its tostring.
  local result = nil
  local main = spawn(function()
    host.started()
    local r = pack(chunk())
    if r.n > 0 and r[1] ~= nil then
      local ok, encoded = pcall(json_encode, r[1])
      result = ok and encoded or json_encode(tostring(r[1]))
    end
  end)
  run_scheduler(main)
  return result
end
