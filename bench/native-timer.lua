-- Times one workload under native lua5.4: `lua5.4 native-timer.lua <workload.lua> <reps>`.
-- Each rep compiles and runs the chunk, timed with os.clock (process start excluded), in an
-- environment shaped like our sandbox's (a plain copy of the globals, print captured).
-- Prints `ms <milliseconds>` per rep, then `out <the workload's output of the first rep>`.
local path, reps = arg[1], tonumber(arg[2] or "5")
local file = assert(io.open(path, "rb"))
local source = file:read("a")
file:close()

local first_output
for rep = 1, reps do
  local out = {}
  local env = {}
  for k, v in pairs(_G) do env[k] = v end
  env.print = function(...)
    local parts = table.pack(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    out[#out + 1] = table.concat(parts, "\t", 1, parts.n) .. "\n"
  end
  env._G = env
  collectgarbage("collect")
  local t0 = os.clock()
  local chunk = assert(load(source, "=" .. path, "t", env))
  chunk()
  local elapsed = os.clock() - t0
  io.write(string.format("ms %.3f\n", elapsed * 1000))
  first_output = first_output or table.concat(out)
end
io.write("out ", (first_output:gsub("\n", "\\n")), "\n")
