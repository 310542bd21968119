/**
 * The Lua side of the engine, run once per VM with the full standard library before any spell code.
 * It captures what it needs (load, debug.sethook, raw coroutine functions) in locals, builds the
 * spell's environment from an allow-list, and defines the task scheduler that lets bridge calls wait
 * for the host without blocking other tasks.
 *
 * Protocol with lua-engine.ts: the prelude returns `run(code, chunkname, params)`, which JS resumes as
 * a coroutine. Whenever every task waits, `run` yields `deadline_ms` (or nil) to JS and is resumed
 * with a list of completions `{ {id=, ok=, value=, error=}, {id=, event=} ... }`.
 */
export const LUA_PRELUDE = String.raw`
local host = __host
__host = nil

local load, error, type, tostring, select, pairs, ipairs, next = load, error, type, tostring, select, pairs, ipairs, next
local setmetatable, getmetatable, rawget, rawset, rawequal, rawlen = setmetatable, getmetatable, rawget, rawset, rawequal, rawlen
local tonumber, pcall, xpcall, assert = tonumber, pcall, xpcall, assert
local sethook, getinfo = debug.sethook, debug.getinfo
local co_create, co_resume, co_yield, co_status = coroutine.create, coroutine.resume, coroutine.yield, coroutine.status
local co_running, co_close, co_isyieldable = coroutine.running, coroutine.close, coroutine.isyieldable
local concat, unpack, insert, remove, sort = table.concat, table.unpack, table.insert, table.remove, table.sort
local sformat, sgsub, sbyte, ssub, smatch = string.format, string.gsub, string.byte, string.sub, string.match
local mtype, floor, huge = math.type, math.floor, math.huge
local function pack(...) return { n = select("#", ...), ... } end

-- Never let the bytecode dumper back in, not even through the string metatable.
string.dump = nil

---------------------------------------------------------------------------------------------------
-- Budget: a count hook on every coroutine. Once the run is over budget (time limit or stop) the
-- error is sticky: every later hook call raises again and every pcall re-raises it, so a spell cannot
-- catch its way past the limit.
local HOOK_EVERY = 10000
local fatal = nil
local function hook()
  if fatal then error(fatal, 0) end
  local reason = host.check()
  if reason then
    local info = getinfo(2, "Sl")
    fatal = (info and info.currentline and info.currentline > 0)
      and (info.short_src .. ":" .. info.currentline .. ": " .. reason) or reason
    error(fatal, 0)
  end
end
local function guard(co)
  sethook(co, hook, "", HOOK_EVERY)
  return co
end
local function check_fatal()
  if fatal then error(fatal, 0) end
end

---------------------------------------------------------------------------------------------------
-- JSON encoding (keys sorted, arrays are tables with keys 1..n and n > 0, integral numbers without
-- a decimal point). Decoding is JSON.parse on the host side of the VM.
local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function quote(s)
  return '"' .. sgsub(s, '[%c"\\]', function(c) return escapes[c] or sformat("\\u%04x", sbyte(c)) end) .. '"'
end
local function number_text(v)
  if v ~= v or v == huge or v == -huge then error("cannot encode " .. tostring(v) .. " as JSON", 0) end
  if mtype(v) == "integer" then return sformat("%d", v) end
  if v == floor(v) and v > -2^53 and v < 2^53 then return sformat("%d", floor(v)) end
  local s = sformat("%.14g", v)
  if tonumber(s) ~= v then s = sformat("%.17g", v) end
  return s
end
local function array_length(t)
  local n = rawlen(t)
  if n == 0 then return nil end
  local count = 0
  for k in next, t do
    if mtype(k) ~= "integer" or k < 1 or k > n then return nil end
    count = count + 1
  end
  if count ~= n then return nil end
  return n
end
local encode_value
local function encode_table(t, out, seen)
  if seen[t] then error("cannot encode a table that contains itself as JSON", 0) end
  seen[t] = true
  local n = array_length(t)
  if n then
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = "," end
      encode_value(t[i], out, seen)
    end
    out[#out + 1] = "]"
  else
    local keys = {}
    for k in next, t do
      local kt = type(k)
      if kt == "string" then keys[#keys + 1] = k
      elseif kt == "number" then keys[#keys + 1] = number_text(k)
      else error("cannot encode a " .. kt .. " key as JSON", 0) end
    end
    sort(keys)
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      local v = rawget(t, k)
      if v == nil then v = rawget(t, tonumber(k)) end
      out[#out + 1] = quote(k)
      out[#out + 1] = ":"
      encode_value(v, out, seen)
    end
    out[#out + 1] = "}"
  end
  seen[t] = nil
end
encode_value = function(v, out, seen)
  local t = type(v)
  if t == "nil" then out[#out + 1] = "null"
  elseif t == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif t == "number" then out[#out + 1] = number_text(v)
  elseif t == "string" then out[#out + 1] = quote(v)
  elseif t == "table" then encode_table(v, out, seen)
  else error("cannot encode a " .. t .. " as JSON", 0) end
end
local function json_encode(v)
  local out = {}
  encode_value(v, out, {})
  return concat(out)
end
local function encode_args(...)
  local n = select("#", ...)
  local out, seen = { "[" }, {}
  for i = 1, n do
    if i > 1 then out[#out + 1] = "," end
    encode_value((select(i, ...)), out, seen)
  end
  out[#out + 1] = "]"
  return concat(out)
end
local function json_decode(s)
  local r = host.json_decode(s)
  if r.error then return nil, r.error end
  return r.value
end

---------------------------------------------------------------------------------------------------
-- Tasks: the spell's main chunk and every callback run as coroutines. A task that waits for the host
-- yields WAIT up to the scheduler; user coroutines in between pass it on (see resume below).
local WAIT = setmetatable({}, { __name = "llmspell.wait" })
local ready = {}          -- FIFO of { co, args }
local waiting = {}        -- rpc id -> task coroutine blocked on it
local listeners = {}      -- rpc id -> function(event) for stream chunks
local timers = {}         -- { at = ms, co = task }
local outstanding = 0     -- async operations whose callbacks are still due

local function schedule(co, ...)
  ready[#ready + 1] = { co, pack(...) }
end

--- Blocks the current task until the host answers rpc \`id\`; returns ok, value_or_error.
local function await_rpc(id)
  return co_yield(WAIT, "rpc", id)
end

--- Blocks the current task until \`at\` (ms, host clock) and returns.
local function sleep_until(at)
  return co_yield(WAIT, "timer", at)
end

--- Parks the current task until someone calls wake(co, ...).
local function park()
  return co_yield(WAIT, "park")
end
local function wake(co, ...)
  schedule(co, ...)
end

--- Calls a host bridge method and waits for its answer: value, or nil + message.
local function call(method, ...)
  local id = host.call(method, encode_args(...))
  local ok, value = await_rpc(id)
  if ok then return value end
  return nil, value
end

--- Starts a host call without waiting; on_done(ok, value) runs as a task when it finishes.
local function call_async(method, on_done, ...)
  local id = host.call(method, encode_args(...))
  outstanding = outstanding + 1
  waiting[id] = function(ok, value)
    outstanding = outstanding - 1
    on_done(ok, value)
  end
  return id
end

local function spawn(fn, ...)
  local co = guard(co_create(fn))
  schedule(co, ...)
  return co
end

-- Resume a task; route a WAIT it yields to the right queue.
local function step(co, args)
  local r = pack(co_resume(co, unpack(args, 1, args.n)))
  if not r[1] then return false, r[2] end
  if co_status(co) == "dead" then return true end
  if r[2] ~= WAIT then return false, "attempt to yield from outside a coroutine" end
  local kind = r[3]
  if kind == "rpc" then waiting[r[4]] = co
  elseif kind == "timer" then timers[#timers + 1] = { at = r[4], co = co }
  end
  -- "park": someone holds the task and will wake it.
  return true
end

local function deliver(c)
  if c.kind == "event" then
    local fn = listeners[c.id]
    if fn then spawn(fn, c.event) end
    return
  end
  listeners[c.id] = nil
  local target = waiting[c.id]
  waiting[c.id] = nil
  if type(target) == "thread" then
    schedule(target, c.ok, c.ok and c.value or c.error)
  elseif type(target) == "function" then
    spawn(target, c.ok, c.ok and c.value or c.error)
  end
end

local function earliest_timer()
  local at = nil
  for _, t in ipairs(timers) do
    if not at or t.at < at then at = t.at end
  end
  return at
end

local function fire_timers()
  local now = host.now()
  local keep = {}
  for _, t in ipairs(timers) do
    if t.at <= now then schedule(t.co) else keep[#keep + 1] = t end
  end
  timers = keep
end

local function has_waiters()
  return next(waiting) ~= nil or #timers > 0
end

--- Runs tasks until \`main\` is dead and nothing it started is still due.
local function run_scheduler(main)
  while true do
    while #ready > 0 do
      local item = remove(ready, 1)
      local ok, err = step(item[1], item[2])
      -- An error in any task (the main chunk or a callback) fails the run.
      if not ok then error(err, 0) end
      check_fatal()
    end
    local main_alive = co_status(main) ~= "dead"
    if not main_alive and outstanding == 0 and #timers == 0 then return end
    if not has_waiters() then
      if main_alive then
        error("the spell waits for something that can never happen (a promise nobody settles?)", 0)
      end
      return
    end
    local completions = co_yield(earliest_timer())
    for _, c in ipairs(completions or {}) do deliver(c) end
    fire_timers()
  end
end

---------------------------------------------------------------------------------------------------
-- The sandbox: built from an allow-list, never by deleting from the real globals.
local function copy(t, except)
  local c = {}
  for k, v in pairs(t) do if not (except and except[k]) then c[k] = v end end
  return c
end

local function wrapped_pcall(f, ...)
  local r = pack(pcall(f, ...))
  check_fatal()
  return unpack(r, 1, r.n)
end
local function wrapped_xpcall(f, handler, ...)
  local r = pack(xpcall(f, handler, ...))
  check_fatal()
  return unpack(r, 1, r.n)
end

-- coroutine.resume that lets a WAIT from inside the coroutine travel up to the scheduler.
local function resume(co, ...)
  local r = pack(co_resume(co, ...))
  while r[1] and r[2] == WAIT and co_status(co) == "suspended" do
    local answer = pack(co_yield(WAIT, r[3], r[4]))
    r = pack(co_resume(co, unpack(answer, 1, answer.n)))
  end
  check_fatal()
  return unpack(r, 1, r.n)
end

local sandbox_coroutine = {
  create = function(f) return guard(co_create(f)) end,
  resume = resume,
  yield = co_yield,
  status = co_status,
  running = co_running,
  isyieldable = co_isyieldable,
  close = co_close,
  wrap = function(f)
    local co = guard(co_create(f))
    return function(...)
      local r = pack(resume(co, ...))
      if not r[1] then error(r[2], 0) end
      return unpack(r, 2, r.n)
    end
  end,
}

local function make_print()
  return function(...)
    local n = select("#", ...)
    local parts = {}
    for i = 1, n do parts[i] = tostring((select(i, ...))) end
    host.write(concat(parts, "\t") .. "\n")
  end
end

local function harmless_collectgarbage(opt)
  if opt == nil or opt == "collect" or opt == "step" then collectgarbage(opt or "collect"); return 0 end
  if opt == "count" then return collectgarbage("count") end
  if opt == "isrunning" then return true end
  return 0
end

local function build_env(params)
  local env = {
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    pcall = wrapped_pcall, xpcall = wrapped_xpcall, print = make_print(),
    rawequal = rawequal, rawget = rawget, rawlen = rawlen, rawset = rawset, select = select,
    setmetatable = setmetatable, getmetatable = getmetatable, tonumber = tonumber,
    tostring = tostring, type = type, _VERSION = _VERSION,
    collectgarbage = harmless_collectgarbage,
    string = copy(string, { dump = true }),
    table = copy(table), math = copy(math), utf8 = copy(utf8),
    coroutine = sandbox_coroutine,
    params = params,
  }
  env._G = env
  -- Methods on strings resolve through this run's own string table; the metatable itself is hidden.
  local smt = getmetatable("")
  smt.__index = env.string
  smt.__metatable = false
  return env
end

---------------------------------------------------------------------------------------------------
-- Bridges installed by lua-engine.ts register here; each gets the kit to build its global.
local kit = {
  call = call, call_async = call_async, await_rpc = await_rpc, listeners = listeners,
  spawn = spawn, park = park, wake = wake, sleep_until = sleep_until,
  json_encode = json_encode, json_decode = json_decode, host = host, pack = pack,
  outstanding = function(d) outstanding = outstanding + d; return outstanding end,
  cancel = function(id) waiting[id] = nil; listeners[id] = nil; host.cancel(id) end,
}
local bridges = {}
function __llmspell_bridge(name, factory)
  bridges[#bridges + 1] = { name = name, factory = factory }
end

function __llmspell_run(code, chunkname, params)
  __llmspell_run, __llmspell_bridge = nil, nil
  local env = build_env(params or {})
  for _, b in ipairs(bridges) do env[b.name] = b.factory(kit, env) end
  local chunk, err = load(code, "=" .. chunkname, "t", env)
  if not chunk then error(err, 0) end
  sethook(co_running(), hook, "", HOOK_EVERY)
  local main = spawn(function()
    host.started()
    return chunk()
  end)
  run_scheduler(main)
end
`;
