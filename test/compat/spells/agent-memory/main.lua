-- An agent with persist = true picks up its conversation from the last run and saves it after each turn.
local name = agents.create({ name = "diary", systemPrompt = "You remember.", persist = true })
local before = #agents.get("diary").memory
local answer, err = agents.execute(name, params.say)
if err then error(err) end
print("remembered " .. before .. " messages; answer: " .. answer)
-- save/load by hand: a copy under another name, loaded back in this run.
local copy = agents.new({ name = "diary-copy", system_prompt = "copy" })
copy.memory = { { role = "user", content = "kept" }, { role = "assistant", content = "yes" } }
print("save", agents.save("diary-copy"))
agents.remove("diary-copy")
print("load", agents.load("diary-copy"), #agents.get("diary-copy").memory, agents.get("diary-copy"):get_system_prompt())
print("load missing", agents.load("nobody"))
