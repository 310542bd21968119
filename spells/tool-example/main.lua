-- tool-example: a tool is a name, a description, a JSON schema and a function.
tools.register("text_stats", "Counts words, characters and sentences",
  { type = "object", properties = { text = { type = "string", minLength = 1 } }, required = { "text" } },
  function(p)
    local words = 0
    for _ in p.text:gmatch("%S+") do words = words + 1 end
    local sentences = select(2, p.text:gsub("[.!?]", ""))
    return { words = words, characters = #p.text, sentences = sentences }
  end)

local stats, err = tools.execute("text_stats", { text = params.text })
if not stats then error(err) end
print(("words=%d characters=%d sentences=%d"):format(stats.words, stats.characters, stats.sentences))

-- Invalid input is refused before the tool runs, naming the field.
print(select(2, tools.execute("text_stats", { text = "" })))

-- Built-in tools come through the same registry.
print("upper: " .. tools.execute("string_tools", { operation = "upper", text = params.text }))
print("words × 3 = " .. tools.execute("calculator", { expression = stats.words .. " * 3" }))
