test("counts words, characters and sentences", function()
  expect(run_spell({ text = "One. Two! Three?" })).to_contain("words=3 characters=16 sentences=3")
end)

test("refuses empty text with the field's name", function()
  expect(run_spell({})).to_contain("/text")
end)
