-- The workflow bridge: build workflows from steps (Lua functions, llm prompts, tools, agents or
-- other workflows) and run them with wf:run(input), which returns the output or nil + error.

-- Sequential: each step gets the previous step's output.
local outline = workflow.sequential{
  name = "outline",
  steps = {
    { name = "ideas", llm = "List three ideas about {{input}}." },
    { name = "shorten", run = function(text) return text:sub(1, 60) end },
  },
}
print("sequential:", outline:run("lighthouses"))

-- Parallel: every step gets the same input, concurrently; aggregate as list, map, first or vote.
local opinions = workflow.parallel{
  name = "opinions",
  aggregate = "map",
  steps = {
    optimist = { llm = "Say something hopeful about {{input}}." },
    length = function(topic) return #topic end,
  },
}
local views = assert(opinions:run("rainy days"))
print("parallel:", views.length, views.optimist)

-- Conditional: a function (or an LLM classification) picks the branch.
local size = workflow.conditional{
  condition = function(n) return n > 100 and "big" or "small" end,
  branches = {
    big = function(n) return n .. " is big" end,
    small = { tool = "calculator", params = { expression = "{{input}} * 2" } },
  },
}
print("conditional:", size:run(500), size:run(21))

-- Loop: count, for_each, while_ or until_, with a max_iterations guard.
local doubling = workflow.loop{ step = function(x) return x * 2 end, until_ = function(v) return v >= 64 end, max_iterations = 10 }
print("loop:", doubling:run(1))

-- A workflow file runs in the host; its outputs come back as a table.
local router, err = workflow.load("spells/workflows/classify-and-route.workflow.yaml")
if router then
  local out = assert(router:run({ message = "Do you ship to Norway? I have a question." }))
  print("file:", out.route)
else
  print("file: not found from this folder (" .. err .. ")")
end
