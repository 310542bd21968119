-- http: every request passes the host's network policy (allowed hosts, no private addresses).
local response, err = http.get(params.url)
if not response then
  print("request failed: " .. err)
  return
end
print("status " .. response.status .. ", " .. #response.body .. " bytes, type " .. tostring(response.headers["content-type"]))

-- Private and loopback addresses are refused unless the configuration allows them.
local _, refused = http.get("http://127.0.0.1:8080/admin")
print(refused)
