-- Captures what the prelude needs from the full standard library in locals, and the
-- time budget: a count hook on every coroutine whose error is sticky once the run is over budget.
local host = __host
__host = nil

local load, error, type, tostring, select, pairs, ipairs, next = load, error, type, tostring, select, pairs, ipairs, next
local setmetatable, getmetatable, rawget, rawset, rawequal, rawlen = setmetatable, getmetatable, rawget, rawset, rawequal, rawlen
local tonumber, pcall, xpcall, assert = tonumber, pcall, xpcall, assert
local sethook, getinfo = debug.sethook, debug.getinfo
local co_create, co_resume, co_yield, co_status = coroutine.create, coroutine.resume, coroutine.yield, coroutine.status
local co_running, co_close, co_isyieldable = coroutine.running, coroutine.close, coroutine.isyieldable
local concat, unpack, remove, sort = table.concat, table.unpack, table.remove, table.sort
local sformat, sgsub, sbyte = string.format, string.gsub, string.byte
local mtype, floor, huge = math.type, math.floor, math.huge
local function pack(...) return { n = select("#", ...), ... } end

-- Never let the bytecode dumper back in, not even through the string metatable.
string.dump = nil -- luacheck: ignore 122 (on purpose: the real string table loses it)


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
