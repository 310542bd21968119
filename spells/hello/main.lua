-- hello: the smallest useful spell. `llmspell run spells/hello name=Ada`
local name = params.name
print("Hello, " .. name .. "!")

local line, err = llm.chat("Write one friendly sentence for " .. name .. ".", { max_tokens = 60 })
if line then
  print(line)
else
  log.warn("the LLM did not answer", "error", err)
end
