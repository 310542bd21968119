/**
 * `storage` and `http`, go-llmspell compatible: thin Lua faces over host calls, where the storage jail
 * and the network policy are enforced. `storage.get`/`set` is an in-memory key/value table for the run.
 * Argument types are checked by the wrappers derived from the bridge description (engines/arg-specs.ts).
 */
export const LUA_STORAGE_BRIDGE = String.raw`
__llmspell_bridge("storage", function(kit)
  local memory = {}
  local storage = {}
  function storage.read(path) return kit.call("storage.read", path) end
  function storage.write(path, content) return kit.call("storage.write", path, content) end
  function storage.exists(path) return kit.call("storage.exists", path) end
  function storage.delete(path) return kit.call("storage.delete", path) end
  function storage.list(pattern) return kit.call("storage.list", pattern) end
  function storage.get(key) return memory[key] end
  function storage.set(key, value) memory[key] = value return true end
  return storage
end)
`;

export const LUA_HTTP_BRIDGE = String.raw`
__llmspell_bridge("http", function(kit)
  local http = {}
  function http.get(url)
    return kit.call("http.get", url)
  end
  function http.post(url, body, content_type)
    if body ~= nil and type(body) ~= "string" then body = kit.json_encode(body) content_type = content_type or "application/json" end
    return kit.call("http.post", url, body, content_type)
  end
  function http.request(req)
    return kit.call("http.request", req)
  end
  return http
end)
`;
