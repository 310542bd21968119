-- table.insert of pseudo-random numbers, then table.sort without and with a comparator.
local seed = 12345
local function rand()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed
end
local a, b = {}, {}
for i = 1, 100000 do
  local v = rand()
  table.insert(a, v)
  table.insert(b, { key = v % 1000, id = i })
end
table.sort(a)
table.sort(b, function(x, y)
  if x.key ~= y.key then return x.key > y.key end
  return x.id < y.id
end)
local check = 0
for i = 1, #a, 997 do check = (check + a[i] % 1000003 + b[i].id) % 1000000007 end
print(#a, a[1], a[#a], b[1].key, b[1].id, check)
