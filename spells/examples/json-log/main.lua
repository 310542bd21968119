-- json and log: the two pure standard modules.
local person = { name = "Ada", languages = { "lua", "js" }, born = 1815 }
local text = json.encode(person)
print("encoded: " .. text)

local back, err = json.decode(text)
print("decoded name: " .. back.name .. ", first language: " .. back.languages[1])

local _, bad = json.decode('{"name": }')
print("a decode error says where: " .. bad)

log.info("finished", "keys", 3, "ok", true)
log.warn("a warning with a table of fields", { reason = "demo" })
