-- llm: chat, stream, history and JSON answers; failures come back as nil, err.
print("provider: " .. llm.get_provider())

local answer, err = llm.chat("Explain " .. params.topic .. " in one sentence.", { temperature = 0.2 })
print(answer or ("failed: " .. err))

io.write("streamed: ")
llm.stream_chat("Say something about " .. params.topic, function(chunk) io.write(chunk) end)
print()

local history = {
  { role = "system", content = "You are terse." },
  { role = "user", content = "Name a Lua library." },
}
print("with history: " .. (llm.chat_with_history(history)))

local info = llm.chat_json("Describe " .. params.topic, {
  type = "object",
  properties = { title = { type = "string" }, difficulty = { type = "integer" } },
  required = { "title", "difficulty" },
})
print("json: " .. json.encode(info))
