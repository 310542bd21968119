-- `spell`: `spell.run(name, params)` runs another spell of the library as a nested run, with this
-- run's limits (it shares the budget) and never more than this run's permissions. Returns what the
-- spell returned, or else its output text; nil + message when it cannot run or fails.
__llmspell_bridge("spell", function(kit)
  local spell = {}
  function spell.run(name, params)
    local r, err = kit.call("spell.run", name, params or {})
    if not r then return nil, err end
    if r.result ~= nil then return r.result end
    return r.output
  end
  return spell
end)
