-- List parameters written a,b,c; typed numbers and booleans; the main chunk's return is printed.
local words = {}
for i, item in ipairs(params.items) do words[i] = tostring(item) .. ":" .. (math.type(item) or type(item)) end
print("items " .. table.concat(words, " "))
print("count " .. math.type(params.count) .. " " .. params.count .. ", loud " .. tostring(params.loud))
return { success = true, items = #params.items, count = params.count }
