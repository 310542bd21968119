-- The task scheduler. The spell's main chunk and every callback run as tasks
-- (coroutines). A task that must wait (for a host call, a timer, a promise) parks: it yields WAIT up
-- to the scheduler, user coroutines in between pass it on, and whoever holds its one-shot waker
-- resumes it later. When every task is parked, the scheduler yields to JS with the earliest timer and
-- is resumed with the host's completions.
local WAIT = setmetatable({}, { __name = "llmspell.wait", __metatable = false })
local ready = {}          -- FIFO of { task, args }
local waiting = {}        -- rpc id -> function(ok, value_or_error)
local listeners = {}      -- rpc id -> function(event), for stream chunks
local timers = {}         -- { at = ms, fire = function, token = waker token }
local outstanding = 0     -- async calls whose callbacks are still due
local current_task = nil
local live_tasks = 0      -- tasks started and not yet finished (promise.async caps them)

local function schedule(task, ...)
  ready[#ready + 1] = { task, pack(...) }
end

--- A one-shot function that resumes the current task with its arguments; later calls do nothing.
local function waker()
  local task = current_task
  local token = { done = false }
  return function(...)
    if token.done then return end
    token.done = true
    schedule(task, ...)
  end, token
end

--- Suspends the current task until its waker is called; returns the waker's arguments.
local function park()
  return co_yield(WAIT)
end

local function add_timer(at, fire, token)
  timers[#timers + 1] = { at = at, fire = fire, token = token }
end

--- Suspends the current task until `at` (ms on the host clock).
local function sleep_until(at)
  local wake, token = waker()
  add_timer(at, wake, token)
  return park()
end

--- Starts a host call; returns its id without waiting.
local function start_call(method, ...)
  return host.call(method, encode_args(...))
end

--- Waits for the answer of host call `id`: true, value or false, message.
local function await_rpc(id)
  waiting[id] = waker()
  return park()
end

--- Calls a host bridge method and waits: value, or nil + message.
local function call(method, ...)
  local ok, value = await_rpc(start_call(method, ...))
  if ok then return value end
  return nil, value
end

--- Starts a host call; on_done(ok, value) runs as its own task when it finishes.
local function call_async(method, on_done, ...)
  local id = start_call(method, ...)
  outstanding = outstanding + 1
  waiting[id] = function(ok, value)
    outstanding = outstanding - 1
    schedule(guard(co_create(on_done)), ok, value)
  end
  return id
end

--- Abandons host call `id`: the host is told to cancel, the waiter gets false, reason.
local function cancel_call(id, reason)
  local target = waiting[id]
  waiting[id], listeners[id] = nil, nil
  host.cancel(id)
  if target then target(false, reason) end
end

local function spawn(fn, ...)
  local task = guard(co_create(fn))
  live_tasks = live_tasks + 1
  schedule(task, ...)
  return task
end

-- Resumes a task; a task may only yield WAIT (a park).
local function step(task, args)
  current_task = task
  local r = pack(co_resume(task, unpack(args, 1, args.n)))
  current_task = nil
  if co_status(task) == "dead" then live_tasks = live_tasks - 1 end
  if not r[1] then return false, r[2] end
  if co_status(task) ~= "dead" and r[2] ~= WAIT then
    return false, "attempt to yield from outside a coroutine"
  end
  return true
end

local function deliver(c)
  if c.kind == "event" then
    local fn = listeners[c.id]
    if fn then spawn(fn, c.event) end
    return
  end
  local target = waiting[c.id]
  waiting[c.id], listeners[c.id] = nil, nil
  if target then
    if c.ok then target(true, c.value) else target(false, c.error) end
  end
end

local function live_timers()
  local live, at = {}, nil
  for _, t in ipairs(timers) do
    if not t.token.done then
      live[#live + 1] = t
      if not at or t.at < at then at = t.at end
    end
  end
  timers = live
  return at
end

local function fire_timers()
  local now = host.now()
  for _, t in ipairs(timers) do
    if not t.token.done and t.at <= now then t.fire("timeout") end
  end
end

--- Runs tasks until `main` is dead and nothing it started is still due. Any task's error fails the run.
local function run_scheduler(main)
  while true do
    while #ready > 0 do
      local item = remove(ready, 1)
      local ok, err = step(item[1], item[2])
      if not ok then error(err, 0) end
      check_fatal()
    end
    local next_timer = live_timers()
    local main_alive = co_status(main) ~= "dead"
    local host_pending = next(waiting) ~= nil
    if not main_alive and outstanding == 0 and not next_timer then return end
    if not host_pending and not next_timer then
      if main_alive then
        error("the spell waits for something that can never happen (a promise nobody settles?)", 0)
      end
      return
    end
    local completions = co_yield(next_timer)
    for _, c in ipairs(completions or {}) do deliver(c) end
    fire_timers()
  end
end
