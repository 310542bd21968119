-- http.get / http.post return the body; a status of 400 or more is nil, "HTTP <code>: ...".
-- Prints what a call returned: how many values, each with its type, so nil, false, "" and
-- "nothing at all" all look different.
local function show(label, ...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    local t = type(v)
    if t == "string" then parts[i] = string.format("%q", v)
    elseif t == "number" then parts[i] = math.type(v) .. ":" .. tostring(v)
    else parts[i] = t == "table" and "table" or tostring(v) end
  end
  print(label .. " -> " .. n .. (n > 0 and (" " .. table.concat(parts, " ")) or ""))
end


show("get", http.get(params.base .. "/hello"))
show("get 404", http.get(params.base .. "/status?code=404"))
show("get 418", http.get(params.base .. "/status?code=418"))
local body = http.post(params.base .. "/echo", '{"a":1}')
local echoed = json.decode(body)
show("post body is a string", type(body))
show("post sent", echoed.method, echoed.body, echoed.headers["content-type"])
show("post table", json.decode(http.post(params.base .. "/echo", { b = 2 })).body)
show("post 500", http.post(params.base .. "/status?code=500", "x", "text/plain"))
local response = http.request({ url = params.base .. "/status?code=404" })
show("request keeps the table", response.status, response.status_text, response.body)
local refused, err = http.get("ftp://example.com/file")
show("get refused", refused, type(err))
