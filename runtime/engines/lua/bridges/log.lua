-- `log.debug|info|warn|error(msg, k1, v1, ...)` or `(msg, {k = v})`: structured lines on stderr with
-- the spell's name; the level filter lives in the host.
__llmspell_bridge("log", function(kit)
  -- Key/value arguments keep their order, as a list of pairs; a table of fields is sorted by key.
  local function fields_of(...)
    local n = select("#", ...)
    local first = ...
    if n == 1 and type(first) == "table" then return first end
    local pairs_list = {}
    for i = 1, n, 2 do
      local k, v = select(i, ...)
      if type(v) == "function" or type(v) == "thread" or type(v) == "userdata" then v = tostring(v) end
      pairs_list[#pairs_list + 1] = { tostring(k), v }
    end
    return pairs_list
  end
  local function logger(level)
    return function(msg, ...)
      local ok, encoded = pcall(kit.json_encode, fields_of(...))
      if not ok then encoded = "{}" end
      kit.host.log(level, tostring(msg), encoded)
    end
  end
  return { debug = logger("debug"), info = logger("info"), warn = logger("warn"), error = logger("error") }
end)
