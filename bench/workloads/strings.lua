-- String building (table.concat, string.format) and pattern matching (gsub, find, match, gmatch).
local parts = {}
for i = 1, 60000 do
  parts[#parts + 1] = string.format("item-%05d key=%s value=%d.%02d;", i, string.char(97 + i % 26), i * 7, i % 100)
end
local text = table.concat(parts, "\n")
local upper, swaps = text:gsub("key=(%a)", function(c) return "KEY=" .. c:upper() end)
local total, count = 0, 0
for id, value in upper:gmatch("item%-(%d+) KEY=%u value=(%d+)%.%d+;") do
  total = total + tonumber(id) + tonumber(value)
  count = count + 1
end
local found, pos = 0, 1
while true do
  local s, e = upper:find("KEY=Q", pos, true)
  if not s then break end
  found, pos = found + 1, e + 1
end
local last = upper:match("item%-(%d+)[^\n]*$")
print(#text, swaps, count, total, found, last)
