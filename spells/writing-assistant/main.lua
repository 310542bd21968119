-- writing-assistant: draft → (critique → revise)* — the critique says when to stop.
local draft, err = llm.chat(("Write a short paragraph about %s, in a %s tone."):format(params.topic, params.style))
if not draft then error("draft failed: " .. err) end

for round = 1, params.rounds do
  local critique = llm.chat_json("Critique this paragraph. Is it good enough to publish?\n\n" .. draft, {
    type = "object",
    properties = { good_enough = { type = "boolean" }, suggestions = { type = "array", items = { type = "string" } } },
    required = { "good_enough", "suggestions" },
  })
  if not critique or critique.good_enough then
    log.info("stopping", "round", round)
    break
  end
  draft = llm.chat("Revise the paragraph following these suggestions:\n- " ..
    table.concat(critique.suggestions, "\n- ") .. "\n\nParagraph:\n" .. draft) or draft
  log.info("revised", "round", round)
end

print(draft)
