-- chat_async / complete_async return callback ids; async.process_callbacks() runs the callbacks.
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


local results = {}
local completed = 0

local id1 = llm.chat_async("What is 2+2?",
  function(result) results[1] = result completed = completed + 1 end,
  function(err) results[1] = "Error: " .. err completed = completed + 1 end)
local id2 = llm.chat_async("Capital of France?",
  function(result) results[2] = result completed = completed + 1 end)
local id3 = llm.complete_async("The meaning of life is", 50,
  function(result) results[3] = result completed = completed + 1 end)

show("chat_async id", id1)
show("complete_async id", id3)
print("Callback IDs: " .. id1 .. ", " .. id2 .. ", " .. id3)
show("pending_count", async.pending_count())

-- The busy-wait go-llmspell spells use: it must end.
local processed = 0
while completed < 3 do
  processed = processed + async.process_callbacks()
end
print("processed " .. processed .. " callbacks")
for i = 1, 3 do print("  [" .. i .. "] " .. results[i]) end
show("pending_count after", async.pending_count())
show("process_callbacks with nothing due", async.process_callbacks())

-- An error reaches the error callback.
local failed = nil
local id4 = llm.chat_async("this one fails", function(r) failed = "unexpected: " .. r end,
  function(err) failed = err end)
local iterations = 0
while not failed and iterations < 100000 do
  async.process_callbacks()
  iterations = iterations + 1
  for _ = 1, 1000 do end -- go-llmspell's "delay" loop
end
show("errcb got", type(failed), failed and failed:match("^openai: HTTP %d+"))
show("id4 follows", id4 == id3 + 1)

-- A callback made by hand, settled later.
local got = nil
local cid = async.create_callback(function(value) got = value end, function(err) got = "err: " .. err end)
show("create_callback id", cid)
show("pending with it", async.pending_count())
async.resolve_callback(cid, "settled")
show("process_callbacks ran it", async.process_callbacks())
show("its value", got)

-- The promise form stays available under a new name.
local p = llm.chat_promise("as a promise")
show("chat_promise is a promise", promise.is_promise(p))
show("awaited", p:await())
