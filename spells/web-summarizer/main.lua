-- web-summarizer: web_fetch (through the host's network policy) + one LLM call.
local page, err = tools.execute("web_fetch", { url = params.url, max_chars = 8000 })
if not page then
  print("could not fetch " .. params.url .. ": " .. err)
  print("(offline? the summary below is of a placeholder text)")
  page = "Example Domain. This domain is for use in illustrative examples in documents."
end
local text = type(page) == "table" and (page.content or json.encode(page)) or tostring(page)

local prompt = ("Summarize this page in %d bullet points:\n\n%s"):format(params.bullets, text)
local summary, lerr = llm.chat(prompt, { temperature = 0.2 })
if not summary then error("summary failed: " .. lerr) end
print("Summary of " .. params.url .. ":")
print(summary)
