-- The spell's environment, built from an allow-list (never by deleting globals):
-- safe base functions, copies of string (no dump), table, math, utf8, a coroutine library whose
-- resume lets bridge waits pass through, and pcall/xpcall that re-raise a sticky budget error.
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
    local answer = pack(co_yield(WAIT))
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
