-- `http`, go-llmspell compatible: a thin Lua face over host calls, where the network policy is
-- enforced. A non-string body of `http.post` is sent as JSON.
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
