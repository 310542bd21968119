-- agents: register your own, or create an LLM agent that runs the tool-calling loop.
agents.register("reverser", function(input) return input:reverse() end)
print("reverser: " .. agents.execute("reverser", "stressed"))

-- agents.create returns the agent's name (go-llmspell); agents.get gives the agent object.
local name, err = agents.create{
  name = "math-helper",
  system_prompt = "You answer arithmetic questions using the calculator tool.",
  tools = { "calculator" },
  max_steps = 4,
}
if not name then error(err) end

-- With the mock provider the agent calls the calculator once, then answers.
print(agents.execute(name, "Use the calculator: what is 6 * 7?"))
print("agents: " .. table.concat(agents.list(), ", "))
