-- `storage`, go-llmspell compatible: a thin Lua face over host calls, where the storage jail is
-- enforced. `write` and `delete` return nothing on success and the error message otherwise (deleting
-- a file that is not there succeeds); `storage.get`/`set` is an in-memory key/value table for the run.
-- Beyond go-llmspell: `remove(path)` says whether a file was there (true / false, or nil + message).
-- Argument types are checked by the wrappers derived from the bridge description (engines/arg-specs.ts).
__llmspell_bridge("storage", function(kit)
  local memory = {}
  local storage = {}
  function storage.read(path) return kit.call("storage.read", path) end
  function storage.write(path, content)
    local _, err = kit.call("storage.write", path, content)
    if err then return err end -- on success no value at all, as go-llmspell
  end
  function storage.exists(path) return kit.call("storage.exists", path) end
  function storage.delete(path)
    local _, err = kit.call("storage.delete", path)
    if err then return err end
  end
  function storage.remove(path) return kit.call("storage.delete", path) end
  function storage.list(pattern) return kit.call("storage.list", pattern) end
  function storage.get(key) return memory[key] end
  function storage.set(key, value) memory[key] = value end
  return storage
end)
