-- A safe `io`: only `io.read` (a line typed by the user: stdin in the CLI, the input box in the
-- studio), `io.write` (to the run's output) and `io.flush` (sends what was written so far). No files,
-- no popen: everything else stays absent.
__llmspell_bridge("io", function(kit)
  local io = {}
  --- io.read(format?): "l" (default) a line without its newline, "L" with it, "n" a number, "a" all
  --- remaining input; nil at the end of input.
  function io.read(format)
    format = format or "l"
    if type(format) == "string" then format = format:gsub("^%*", "") end
    if format ~= "l" and format ~= "L" and format ~= "n" and format ~= "a" then
      error("io.read: bad argument #1 (invalid format '" .. tostring(format) .. "')", 2)
    end
    local value, err = kit.call("io.read", format)
    if err then error("io.read: " .. err, 2) end
    if format == "n" then return tonumber(value) end
    return value
  end
  function io.write(...)
    local parts = {}
    for i = 1, select("#", ...) do
      local v = select(i, ...)
      if type(v) ~= "string" and type(v) ~= "number" then
        error("io.write: bad argument #" .. i .. " (string expected, got " .. type(v) .. ")", 2)
      end
      parts[i] = tostring(v)
    end
    kit.host.write(table.concat(parts))
    return io
  end
  --- Output leaves the engine in batches; flush sends the batch now (a prompt before io.read, say).
  function io.flush()
    kit.host.flush()
    return io
  end
  return io
end)
