-- `promise`, go-llmspell compatible but real: callbacks run as tasks on the engine's scheduler, so
-- `p:await()` truly waits (other tasks and host calls go on meanwhile) and N async LLM calls run
-- concurrently. `p.state` is "pending" | "resolved" | "rejected".
__llmspell_bridge("promise", function(kit)
  local Promise = {}
  Promise.__index = Promise
  Promise.__name = "promise"

  local function is_promise(v) return type(v) == "table" and getmetatable(v) == Promise end

  local function new_pending()
    return setmetatable({ state = "pending", _handlers = {}, _waiters = {} }, Promise)
  end

  local settle
  local function resolve_with(p, value)
    if is_promise(value) then
      if value == p then return settle(p, "rejected", "a promise cannot resolve to itself") end
      value:next(function(v) resolve_with(p, v) end, function(r) settle(p, "rejected", r) end)
      return
    end
    settle(p, "resolved", value)
  end

  settle = function(p, state, value)
    if p.state ~= "pending" then return end
    p.state = state
    if state == "resolved" then p.value = value else p.reason = value end
    local handlers, waiters = p._handlers, p._waiters
    p._handlers, p._waiters = {}, {}
    for _, h in ipairs(handlers) do kit.spawn(h) end
    for _, w in ipairs(waiters) do w() end
  end

  -- Runs `fn` once `p` settles (in its own task).
  local function on_settle(p, fn)
    if p.state == "pending" then p._handlers[#p._handlers + 1] = fn else kit.spawn(fn) end
  end

  --- Promise whose resolve / reject are returned alongside it.
  local function deferred()
    local p = new_pending()
    return p, function(v) resolve_with(p, v) end, function(r) settle(p, "rejected", r) end
  end

  function Promise:next(on_ok, on_err)
    local p2, resolve, reject = deferred()
    on_settle(self, function()
      local handler = self.state == "resolved" and on_ok or on_err
      local input = self.state == "resolved" and self.value or self.reason
      if type(handler) ~= "function" then
        if self.state == "resolved" then resolve(input) else reject(input) end
        return
      end
      local ok, result = kit.pcall(handler, input) -- a limit error goes through
      if ok then resolve(result) else reject(result) end
    end)
    return p2
  end
  Promise.and_then = Promise.next

  function Promise:catch(fn) return self:next(nil, fn) end

  function Promise:finally(fn)
    return self:next(function(v) fn() return v end, function(r) fn() error(r, 0) end)
  end

  --- Waits until settled: value, or nil + reason ("timeout" when timeout_s passes first).
  function Promise:await(timeout_s)
    if self.state == "pending" then
      local wake, token = kit.waker()
      self._waiters[#self._waiters + 1] = wake
      if timeout_s ~= nil then
        if type(timeout_s) ~= "number" then error("promise:await: timeout must be a number of seconds", 2) end
        kit.add_timer(kit.host.now() + timeout_s * 1000, wake, token)
      end
      kit.park()
      if self.state == "pending" then return nil, "timeout" end
    end
    if self.state == "resolved" then return self.value end
    return nil, self.reason
  end

  local promise = { deferred = deferred }

  function promise.new(executor)
    local p, resolve, reject = deferred()
    local ok, err = kit.pcall(executor, resolve, reject)
    if not ok then reject(err) end
    return p
  end

  function promise.resolve(v)
    if is_promise(v) then return v end
    local p, resolve = deferred()
    resolve(v)
    return p
  end

  function promise.reject(r)
    local p, _, reject = deferred()
    reject(r)
    return p
  end

  -- Tasks of one run at once: each may hold a host request, so a loop of promise.async is bounded.
  local MAX_TASKS = 1000

  --- Runs fn(...) as its own task; the promise settles with its result or error.
  function promise.async(fn, ...)
    if kit.live_tasks() >= MAX_TASKS then
      error(("promise.async: %d tasks are running, the limit is %d; await some before starting more"):format(kit.live_tasks(), MAX_TASKS), 2)
    end
    local p, resolve, reject = deferred()
    local args = kit.pack(...)
    kit.spawn(function()
      local r = kit.pack(kit.pcall(fn, table.unpack(args, 1, args.n)))
      if r[1] then resolve(r[2]) else reject(r[2]) end
    end)
    return p
  end

  function promise.all(list)
    local p, resolve, reject = deferred()
    local n, remaining, values = #list, #list, {}
    if n == 0 then resolve(values) return p end
    for i = 1, n do
      promise.resolve(list[i]):next(function(v)
        values[i] = v
        remaining = remaining - 1
        if remaining == 0 then resolve(values) end
      end, reject)
    end
    return p
  end

  function promise.race(list)
    local p, resolve, reject = deferred()
    for i = 1, #list do promise.resolve(list[i]):next(resolve, reject) end
    return p
  end

  --- Waits for every promise: the list of values, or nil + the first reason (or "timeout").
  function promise.await_all(list, timeout_s)
    return promise.all(list):await(timeout_s)
  end

  promise.is_promise = is_promise
  return promise
end)
