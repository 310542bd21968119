-- research-assistant: plan (JSON) → research each angle concurrently → synthesize.
local plan, err = llm.chat_json(
  ("List %d distinct questions that together cover: %s"):format(params.angles, params.topic),
  { type = "object", properties = { questions = { type = "array", items = { type = "string" } } }, required = { "questions" } }
)
if not plan then error("planning failed: " .. err) end

-- Exactly `angles` questions: the model's first ones, padded when it gave fewer.
local questions = {}
for i = 1, params.angles do
  questions[i] = plan.questions[i] or ("Aspect %d of %s"):format(i, params.topic)
end

local pending = {}
for i, q in ipairs(questions) do
  pending[i] = llm.chat_promise("Answer briefly, with facts: " .. q)
end
local notes, rerr = promise.await_all(pending, 120)
if not notes then error("research failed: " .. rerr) end

local material = {}
for i, q in ipairs(questions) do
  material[#material + 1] = ("Q: %s\nA: %s"):format(q, notes[i])
  log.info("researched", "question", i)
end

local brief = llm.chat("Write a short brief on " .. params.topic .. " from these notes:\n\n" .. table.concat(material, "\n\n"))
print("# Brief: " .. params.topic)
print(brief)
print(("(%d questions researched)"):format(#questions))
