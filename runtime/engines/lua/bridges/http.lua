-- `http`, go-llmspell compatible: `get` and `post` return the body string; a status of 400 or more is
-- `nil, "HTTP <code>: <code> <reason>"` (`post` appends " - <body>"), as go-llmspell words it.
-- `http.request` returns the whole response table (status, body, headers, url) whatever the status.
-- A thin Lua face over host calls, where the network policy is enforced. A non-string body of
-- `http.post` is sent as JSON.
__llmspell_bridge("http", function(kit)
  local function status_line(res)
    local text = res.status_text
    if type(text) == "string" and text ~= "" then return res.status .. " " .. text end
    return tostring(res.status)
  end

  local http = {}
  function http.get(url, opts)
    local res, err = kit.call("http.get", url, opts)
    if not res then return nil, err end
    if res.status >= 400 then return nil, "HTTP " .. res.status .. ": " .. status_line(res) end
    return res.body
  end
  function http.post(url, body, content_type)
    if body ~= nil and type(body) ~= "string" then body = kit.json_encode(body) content_type = content_type or "application/json" end
    local res, err = kit.call("http.post", url, body, content_type or "application/json")
    if not res then return nil, err end
    if res.status >= 400 then return nil, "HTTP " .. res.status .. ": " .. status_line(res) .. " - " .. res.body end
    return res.body
  end
  function http.request(req)
    return kit.call("http.request", req)
  end
  return http
end)
