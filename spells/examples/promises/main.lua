-- promise and async: N calls run at once; await waits for them without blocking each other.
local questions = { "What is Lua?", "What is a coroutine?", "What is a promise?" }
local pending = {}
for i, q in ipairs(questions) do pending[i] = llm.chat_promise(q) end

local answers, err = promise.await_all(pending, 30)
if not answers then error("failed: " .. err) end
for i, a in ipairs(answers) do print(i .. ". " .. a) end

-- Chain with :next, handle errors with :catch.
local p = promise.new(function(resolve) resolve(20) end)
  :next(function(v) return v + 1 end)
  :next(function(v) return v * 2 end)
print("chained: " .. p:await())

-- go-llmspell's callback style: chat_async returns a callback id; process_callbacks runs the
-- callbacks whose answers are in and says how many ran.
local done = 0
local id = llm.chat_async("callback style", function(answer) print("callback: " .. answer) done = done + 1 end)
print("callback id: " .. id)
while done < 1 do async.process_callbacks() end
