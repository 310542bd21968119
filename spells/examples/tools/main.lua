-- tools: script-defined tools and built-ins share one registry; parameters are checked by JSON Schema.
tools.register("word_count", "Counts the words of a text",
  { type = "object", properties = { text = { type = "string" } }, required = { "text" } },
  function(p)
    local n = 0
    for _ in p.text:gmatch("%S+") do n = n + 1 end
    return n
  end)

print("word_count: " .. tools.execute("word_count", { text = "the quick brown fox" }))
print(tools.execute("word_count", {}))                       -- nil + which field is missing
print("calculator: " .. tools.execute("calculator", { expression = "2 ^ 10 - 24" }))
print("sha256: " .. tools.execute("hash", { text = "hello", algorithm = "sha256" }))
print("uuid: " .. tools.execute("uuid", {}))

local names = {}
for _, t in ipairs(tools.list()) do names[#names + 1] = t.name end
print("available: " .. table.concat(names, ", "))
