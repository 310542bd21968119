-- One agent used as another's tool, and a triage agent handing the turn to a specialist.
agents.create({ name = "expert", systemPrompt = "You know facts." })
print("as_tool", agents.as_tool("expert", "ask_expert", "Asks the expert"))
print("as_tool unknown", agents.as_tool("nobody"))
agents.create({ name = "boss", systemPrompt = "Delegate.", tools = { "ask_expert" } })
print("boss: " .. agents.execute("boss", "what is the capital of France?"))

agents.create({ name = "billing", systemPrompt = "You handle invoices." })
agents.create({ name = "triage", systemPrompt = "Route the user.", handoffs = { "billing" } })
print("triage: " .. agents.execute("triage", "my invoice is wrong"))
print("triage memory ends with: " .. agents.get("triage").memory[#agents.get("triage").memory].content)
