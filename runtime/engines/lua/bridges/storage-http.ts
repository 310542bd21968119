/**
 * `storage` and `http`, go-llmspell compatible: thin Lua faces over host calls, where the storage jail
 * and the network policy are enforced. `storage.get`/`set` is an in-memory key/value table for the run.
 */
export const LUA_STORAGE_BRIDGE = String.raw`
__llmspell_bridge("storage", function(kit)
  local function need_string(fname, index, value)
    if type(value) ~= "string" then
      error(("storage.%s: bad argument #%d (string expected, got %s)"):format(fname, index, type(value)), 3)
    end
  end
  local memory = {}
  local storage = {}
  function storage.read(path) need_string("read", 1, path) return kit.call("storage.read", path) end
  function storage.write(path, content)
    need_string("write", 1, path)
    need_string("write", 2, content)
    return kit.call("storage.write", path, content)
  end
  function storage.exists(path) need_string("exists", 1, path) return kit.call("storage.exists", path) end
  function storage.delete(path) need_string("delete", 1, path) return kit.call("storage.delete", path) end
  function storage.list(pattern)
    if pattern ~= nil then need_string("list", 1, pattern) end
    return kit.call("storage.list", pattern)
  end
  function storage.get(key) return memory[key] end
  function storage.set(key, value) memory[key] = value return true end
  return storage
end)
`;

export const LUA_HTTP_BRIDGE = String.raw`
__llmspell_bridge("http", function(kit)
  local http = {}
  function http.get(url)
    if type(url) ~= "string" then error("http.get: bad argument #1 (string expected, got " .. type(url) .. ")", 2) end
    return kit.call("http.get", url)
  end
  function http.post(url, body, content_type)
    if type(url) ~= "string" then error("http.post: bad argument #1 (string expected, got " .. type(url) .. ")", 2) end
    if body ~= nil and type(body) ~= "string" then body = kit.json_encode(body) content_type = content_type or "application/json" end
    return kit.call("http.post", url, body, content_type)
  end
  function http.request(req)
    if type(req) ~= "table" then error("http.request: bad argument #1 (table expected, got " .. type(req) .. ")", 2) end
    return kit.call("http.request", req)
  end
  return http
end)
`;
