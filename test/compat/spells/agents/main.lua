-- agents by name (go-llmspell): create returns the name, execute a string, stream true or false, err.
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


local name, err = agents.create({ name = "helper", systemPrompt = "You are a helpful assistant." })
show("create", name, err)
show("create again with system_prompt", agents.create({ name = "second", system_prompt = "Second." }))
show("create without a name", agents.create({ systemPrompt = "x" }))
show("execute", agents.execute("helper", "say hi"))
show("get_system_prompt", agents.get("helper"):get_system_prompt())

-- A Lua agent returning a table: execute gives it as JSON.
agents.register("counter", {
  system_prompt = "counts",
  execute = function(self, input, options) return { input = input, words = 2 } end,
})
show("execute table agent", agents.execute("counter", "two words"))
agents.register("failing", function(input) return nil, "no luck" end)
show("execute failing agent", agents.execute("failing", "x"))

local chunks = {}
show("stream", agents.stream("helper", "stream this", function(chunk) chunks[#chunks + 1] = chunk end))
print("streamed: " .. table.concat(chunks))
show("stream stopped", agents.stream("helper", "one two three four", function(chunk) return false end))
show("stream unknown", agents.stream("nobody", "x", function() end))

show("update_system_prompt", agents.update_system_prompt("helper", "Be terse."))
show("update_system_prompt unknown", agents.update_system_prompt("nobody", "x"))
show("remove", agents.remove("second"))
show("remove unknown", agents.remove("second"))

tools.register("shout", "upper-cases", { type = "object", properties = { text = { type = "string" } } },
  function(p) return p.text:upper() end)
show("tools.remove", tools.remove("shout"))
show("tools.remove unknown", tools.remove("shout"))
