-- `async`, go-llmspell compatible: the callback registry behind `llm.chat_async` / `complete_async`.
-- Each async call gets a numeric callback id. Its callback runs as soon as the result has arrived
-- (whenever the spell waits for anything) or at `async.process_callbacks()`, which first lets the
-- host's finished calls in with a brief yield, so a busy-wait such as
-- `while done < 3 do async.process_callbacks() end` ends. `process_callbacks` returns how many
-- callbacks ran since it last returned; `pending_count` is how many are still due.
-- Beyond go-llmspell: `process_callbacks(timeout_s)` waits up to that long for one, `sleep(s)`, and
-- `resolve_callback` / `reject_callback` to settle an id made by `create_callback`.
__llmspell_bridge("async", function(kit)
  local pending = {}   -- id -> { cb = fn?, errcb = fn? }
  local npending = 0
  local next_id = 0
  local ran = 0        -- callbacks run since process_callbacks last returned

  local callbacks = {}

  --- A new callback id for `cb(value)` / `errcb(message)`.
  function callbacks.register(cb, errcb)
    next_id = next_id + 1
    pending[next_id] = { cb = cb, errcb = errcb }
    npending = npending + 1
    return next_id
  end

  --- Runs the callback of `id` with an outcome, in the calling task; false when `id` is not due.
  --- A callback's error fails the run like any other error of the spell.
  function callbacks.settle(id, ok, value)
    local entry = pending[id]
    if not entry then return false end
    pending[id] = nil
    npending = npending - 1
    ran = ran + 1
    local fn = ok and entry.cb or entry.errcb
    if fn then fn(value) end
    return true
  end

  -- llm.lua (registered after this bridge) starts its async calls through these.
  kit.callbacks = callbacks

  local async = {}

  function async.pending_count()
    return npending
  end

  function async.process_callbacks(timeout_s)
    -- The brief yield: the scheduler hands control to the host, which takes in every finished call;
    -- their callbacks are scheduled ahead of this task, so they have run when it resumes.
    kit.sleep_until(kit.host.now())
    if timeout_s ~= nil and ran == 0 and npending > 0 then
      local deadline = kit.host.now() + timeout_s * 1000
      while ran == 0 and npending > 0 and kit.host.now() < deadline do
        kit.sleep_until(math.min(deadline, kit.host.now() + 5))
      end
    end
    local n = ran
    ran = 0
    return n
  end

  function async.create_callback(cb, errcb)
    return callbacks.register(cb, errcb)
  end

  local function settle_later(fname, id, ok, value)
    if not pending[id] then return false, "async." .. fname .. ": no pending callback " .. tostring(id) end
    kit.spawn(callbacks.settle, id, ok, value)
    return true
  end

  function async.resolve_callback(id, value)
    return settle_later("resolve_callback", id, true, value)
  end

  function async.reject_callback(id, message)
    return settle_later("reject_callback", id, false, message)
  end

  function async.sleep(seconds)
    kit.sleep_until(kit.host.now() + seconds * 1000)
  end

  return async
end)
