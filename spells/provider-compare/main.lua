-- provider-compare: the same prompt to each configured provider, concurrently.
local names = llm.list_providers()
local original = llm.get_provider()

-- Providers are switched one at a time (the current provider is per run), so each call starts
-- right after its switch; the calls themselves still overlap.
local pending, asked = {}, {}
for _, name in ipairs(names) do
  if not llm.set_provider(name) then
    asked[#asked + 1] = name
    pending[#pending + 1] = llm.chat_promise(params.question)
  end
end
llm.set_provider(original)

local answers = promise.await_all(pending, 120) or {}
for i, name in ipairs(asked) do
  print(("== %s"):format(name))
  print(answers[i] or "(no answer)")
end
print(("%d provider(s) compared"):format(#asked))
