-- `async`, go-llmspell compatible: `pending_count()` is the number of async calls whose callbacks are
-- still due; `process_callbacks(timeout_s?)` runs every callback that is ready, waiting (up to the
-- timeout, default 30 s) for the next one when none is, and returns how many ran. Plus `sleep(s)`.
__llmspell_bridge("async", function(kit)
  local async = {}

  function async.pending_count()
    return kit.pending_count()
  end

  function async.process_callbacks(timeout_s)
    local before = kit.pending_count()
    if before == 0 then
      kit.sleep_until(kit.host.now()) -- still let ready tasks run
      return 0
    end
    local deadline = kit.host.now() + (timeout_s or 30) * 1000
    repeat
      kit.sleep_until(math.min(deadline, kit.host.now() + 5))
    until kit.pending_count() < before or kit.host.now() >= deadline
    return before - kit.pending_count()
  end

  function async.sleep(seconds)
    kit.sleep_until(kit.host.now() + seconds * 1000)
  end

  return async
end)
