-- stream_chat / stream_chat_with_history, go-llmspell style: `local err = llm.stream_chat(...)`.
-- Prints what a call returned: how many values, each with its type, so nil, false, "" and
-- "nothing at all" all look different.
local function show(label, ...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    local t = type(v)
    if t == "string" then parts[i] = string.format("%q", v)
    elseif t == "number" then parts[i] = math.type(v) .. ":" .. tostring(v)
    else parts[i] = t == "table" and "table" or tostring(v) end
  end
  print(label .. " -> " .. n .. (n > 0 and (" " .. table.concat(parts, " ")) or ""))
end


print("Streaming about " .. params.topic)
local chunks = {}
show("stream_chat ok", llm.stream_chat("tell me about " .. params.topic, function(chunk)
  table.insert(chunks, chunk)
end))
print("chunks: " .. table.concat(chunks, ""))

local err = llm.stream_chat("this one fails", function(chunk) end)
show("stream_chat failed", type(err), err and err:match("^openai: HTTP %d+"))

local history = {
  { role = "system", content = "You are brief." },
  { role = "user", content = "Hello" },
}
local got = {}
show("stream_chat_with_history ok", llm.stream_chat_with_history(history, function(chunk) got[#got + 1] = chunk end))
print("history chunks: " .. table.concat(got, ""))

local seen = 0
show("stream_chat stopped", llm.stream_chat("one two three four five six", function(chunk)
  seen = seen + 1
  if seen == 2 then return "enough" end
end))
print("chunks seen before stopping: " .. seen)
