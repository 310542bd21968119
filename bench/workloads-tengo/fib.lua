-- fib(32) by naive recursion, the same algorithm as fib.tengo.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(32))
