-- Captures what the prelude needs from the full standard library in locals, and the run's
-- budget: a hook registered on every coroutine, armed only when needed, whose error is sticky.
local host = __host
__host = nil

local load, error, type, tostring, select, pairs, ipairs, next = load, error, type, tostring, select, pairs, ipairs, next
local setmetatable, getmetatable, rawget, rawset, rawequal, rawlen = setmetatable, getmetatable, rawget, rawset, rawequal, rawlen
local tonumber, pcall, xpcall, assert = tonumber, pcall, xpcall, assert
local sethook, gethook, getinfo = debug.sethook, debug.gethook, debug.getinfo
local co_create, co_resume, co_yield, co_status = coroutine.create, coroutine.resume, coroutine.yield, coroutine.status
local co_running, co_close, co_isyieldable = coroutine.running, coroutine.close, coroutine.isyieldable
local concat, unpack, remove, sort = table.concat, table.unpack, table.remove, table.sort
local sformat, sgsub, sbyte = string.format, string.gsub, string.byte
local mtype, floor, huge = math.type, math.floor, math.huge
local function pack(...) return { n = select("#", ...), ... } end

-- Never let the bytecode dumper back in, not even through the string metatable.
string.dump = nil -- luacheck: ignore 122 (on purpose: the real string table loses it)


-- Budget. No instruction hook by default (past each thread's first WATCH_AFTER instructions, see
-- below): Lua 5.4 sends every instruction through its trace path while any count hook is set (a CPU
-- mix ran about 2x slower). The time limit is checked at every
-- yield point (bridge calls, awaits) by the engine's timers; a VM busy in a loop is interrupted from
-- outside: once the deadline passes, lua-engine.ts arms a count hook on every thread (lua_sethook is
-- safe to call at any instruction, as lua.c does from its SIGINT handler), and `hook` below raises.
-- `guard` registers `hook` for each coroutine with an empty mask (no cost) so that arming finds it.
-- Only an opt-in instruction budget (limits.instructions) keeps a real count hook all along.
-- Once the run is over budget the error is sticky: every later hook call raises again and every
-- pcall re-raises it, so a spell cannot catch its way past the limit.
local HOOK_EVERY = 10000
-- The engine's watchdog thread (runtime/host/watchdog.ts) interrupts a busy VM from outside; it is
-- started only for a spell that computes a while, so a short one never pays its start. Until then each
-- thread carries a count hook of WATCH_AFTER instructions (≈ 0.5 ms on the trace path; 200000 cost
-- ≈ 2 % of a 100 ms workload, in the Lua CPU suite's ours/bare column);
-- the first that fires asks the host for the thread (`host.busy`), and each drops its count when its
-- hook fires. Past WATCH_THREADS coroutines the thread is asked for at once (each hooked one is slower).
local WATCH_AFTER = 50000
local WATCH_THREADS = 16
local unwatched = false          -- the run has started and the host has no watchdog yet
local hooked_threads = 0
local fatal = nil
local spell_source = nil         -- "=<chunkname>" of the running spell, to name its line
local instruction_budget = nil   -- limits.instructions, when the run asked for one
local instructions = 0

--- The innermost line of the spell's own code on the stack (the hook may strike inside a bridge).
local function spell_position()
  local first = nil
  for level = 3, 60 do
    local info = getinfo(level, "Sl")
    if not info then break end
    if info.currentline and info.currentline > 0 then
      if info.source == spell_source then return info.short_src .. ":" .. info.currentline end
      first = first or (info.short_src .. ":" .. info.currentline)
    end
  end
  return first
end

local function watch()
  unwatched = false
  host.busy()
end

local function hook()
  if fatal then error(fatal, 0) end
  if select(3, gethook()) == WATCH_AFTER then
    -- The count that asks for the watchdog (arming at the deadline sets a count of 1): no hook here now.
    if unwatched then watch() end
    sethook(hook, "")
    return
  end
  local reason = host.check()
  if not reason and instruction_budget then
    instructions = instructions + HOOK_EVERY
    if instructions > instruction_budget then
      reason = sformat("run exceeded its instruction limit (%d instructions)", instruction_budget)
    end
  end
  if reason then
    local where = spell_position()
    fatal = where and (where .. ": " .. reason) or reason
    error(fatal, 0)
  end
end
local function guard(co)
  -- A coroutine made after the budget ran out gets the armed hook too.
  if fatal then sethook(co, hook, "", 1)
  elseif instruction_budget then sethook(co, hook, "", HOOK_EVERY)
  elseif unwatched and hooked_threads < WATCH_THREADS then
    hooked_threads = hooked_threads + 1
    sethook(co, hook, "", WATCH_AFTER)
  else
    if unwatched then watch() end
    sethook(co, hook, "")
  end
  return co
end
local function check_fatal()
  if fatal then error(fatal, 0) end
end
