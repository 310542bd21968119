-- io.write / io.flush, and the built-in web_fetch result field `content`.
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


io.write("Your name? ")
show("flush returns io", io.flush() == io)
print()
local page, err = tools.execute("web_fetch", { url = params.base .. "/html" })
show("web_fetch content", page and (page.content:gsub("\n", "|")), err)
show("web_fetch has no text field", page and page.text)
