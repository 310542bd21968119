-- `json.encode(v)` / `json.decode(s)`: value, or nil + message (go-llmspell's convention).
__llmspell_bridge("json", function(kit)
  local pcall = pcall
  return {
    encode = function(v)
      local ok, result = pcall(kit.json_encode, v)
      if ok then return result end
      return nil, result
    end,
    decode = function(s)
      return kit.json_decode(s)
    end,
  }
end)
