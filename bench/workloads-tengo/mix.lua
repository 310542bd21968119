-- The same string/array/map mix as mix.tengo.
local words = {}
for i = 0, 199999 do
  words[#words + 1] = "w" .. tostring(i % 1000)
end
local counts = {}
for _, w in ipairs(words) do
  counts[w] = (counts[w] or 0) + 1
end
local keys, total = 0, 0
for k, v in pairs(counts) do
  keys = keys + 1
  total = total + v + #k
end
local parts = {}
for i = 0, 49999 do
  parts[#parts + 1] = string.format("%d:%s", i, words[i + 1])
end
local s = table.concat(parts, ",")
local acc = 0
for f in s:gmatch("[^,]+") do
  acc = acc + #f
end
print(keys .. " " .. total .. " " .. #s .. " " .. acc)
