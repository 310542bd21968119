-- Closures and upvalues: make counters in a loop, call them through a table of functions.
local function counter(start, step)
  local n = start
  return function()
    n = n + step
    return n
  end
end
local function compose(f, g)
  return function(x) return f(g(x)) end
end
local sum = 0
for i = 1, 200000 do
  local c = counter(i, i % 7 + 1)
  local twice = compose(function(x) return x + c() end, function(x) return x * 2 end)
  sum = (sum + twice(i) + c()) % 1000000007
end
print(sum)
