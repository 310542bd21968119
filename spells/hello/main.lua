-- hello: the smallest useful spell. Run it with `llmspell run spells/hello name=Ada`.
local name = params.name or "world"
print("Hello, " .. name .. "!")
local answer, err = llm and llm.chat and llm.chat("Say hello to " .. name)
if answer then
  print(answer)
elseif err then
  log.warn("llm.chat failed", "error", err)
end
