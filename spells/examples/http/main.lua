-- http: every request passes the host's network policy (allowed hosts, no private addresses).
-- http.get returns the body (nil + "HTTP <code>: ..." for an error status); http.request the whole response.
local response, err = http.request{ url = params.url }
if not response then
  print("request failed: " .. err)
  return
end
print("status " .. response.status .. ", " .. #response.body .. " bytes, type " .. tostring(response.headers["content-type"]))

-- Private and loopback addresses are refused unless the configuration allows them.
local _, refused = http.get("http://127.0.0.1:8080/admin")
print(refused)
