-- Built-in agents need no create: list them, and ask one by name.
print("agents: " .. table.concat(agents.list(), ","))
print("researcher tools: " .. table.concat(agents.get("researcher"):get_tools(), ","))
print("summarizer: " .. agents.execute("summarizer", "summarize " .. params.base .. "/html"))
print("extractor: " .. agents.execute("json_extractor", 'name and age from: "Ada, 36"'))
