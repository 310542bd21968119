test("greets by name", function()
  local out = run_spell({ name = "Ada" })
  expect(out).to_contain("Hello, Ada!")
end)

test("asks the LLM about the same person", function()
  expect(run_spell({ name = "Grace" })).to_contain("Grace")
end)
