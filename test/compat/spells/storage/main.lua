-- storage.write / delete return nothing on success and an error string otherwise; set returns nothing.
-- Prints what a call returned: how many values, each with its type, so nil, false, "" and
-- "nothing at all" all look different.
local function show(label, ...)
  local n = select("#", ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    local t = type(v)
    if t == "string" then parts[i] = string.format("%q", v)
    elseif t == "number" then parts[i] = math.type(v) .. ":" .. tostring(v)
    else parts[i] = t == "table" and "table" or tostring(v) end
  end
  print(label .. " -> " .. n .. (n > 0 and (" " .. table.concat(parts, " ")) or ""))
end


show("write", storage.write("compat/notes.txt", "first line"))
show("read", storage.read("compat/notes.txt"))
show("exists", storage.exists("compat/notes.txt"))
local err = storage.write("compat/tool.exe", "x")
show("write refused", type(err), err and err:match("^storage: extension '%.exe' is not allowed"))
show("delete", storage.delete("compat/notes.txt"))
show("delete again", storage.delete("compat/notes.txt"))
show("exists after", storage.exists("compat/notes.txt"))
show("set", storage.set("greeting", "hello"))
show("get", storage.get("greeting"))
show("get missing", storage.get("nothing"))
show("write for remove", storage.write("compat/x.txt", "x"))
show("remove", storage.remove("compat/x.txt"))
show("remove again", storage.remove("compat/x.txt"))
