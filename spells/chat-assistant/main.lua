-- chat-assistant: type a question, get an answer; the whole conversation is sent each turn.
-- Empty line, "quit" or the end of input ends the chat.
local history = { { role = "system", content = params.system } }

for turn = 1, params.max_turns do
  io.write("you> ")
  local question = io.read()
  if not question then print() break end -- end of input
  if question == "" or question == "quit" then break end
  history[#history + 1] = { role = "user", content = question }

  io.write("assistant> ")
  local answer, err = llm.stream_text(history, function(chunk) io.write(chunk) io.flush() end)
  print()
  if not answer then
    print("(the LLM failed: " .. err .. ")")
    history[#history] = nil
  else
    history[#history + 1] = { role = "assistant", content = answer }
  end
end
print(("bye (%d messages in the conversation)"):format(#history - 1))
