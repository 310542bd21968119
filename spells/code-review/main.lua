-- code-review: structured findings with chat_json, validated against a schema.
local SAMPLE = [[
function average(t)
  local sum = 0
  for i = 1, #t do sum = sum + t[i] end
  return sum / #t   -- #t == 0 divides by zero
end
]]

local code = SAMPLE
if params.file ~= "" then
  local text, err = storage.read(params.file)
  if not text then error("cannot read " .. params.file .. ": " .. err) end
  code = text
end

local review, err = llm.chat_json(
  ("Review this code for %s. Report findings with a line number, a severity and a fix.\n\n%s"):format(params.focus, code),
  {
    type = "object",
    properties = {
      summary = { type = "string" },
      findings = {
        type = "array",
        items = {
          type = "object",
          properties = { line = { type = "integer" }, severity = { type = "string" }, message = { type = "string" } },
          required = { "message" },
        },
      },
    },
    required = { "summary", "findings" },
  },
  { temperature = 0 }
)
if not review then error("review failed: " .. err) end

print(("Review (%s): %s"):format(params.focus, review.summary))
for i, f in ipairs(review.findings) do
  print(("%d. [%s] line %s: %s"):format(i, f.severity or "note", tostring(f.line or "?"), f.message))
end
print(("%d finding(s)"):format(#review.findings))
