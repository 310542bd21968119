-- storage: files inside $LLMSPELL_HOME/storage only, written atomically.
local file = "examples/notes.md"
local existing = storage.exists(file) and storage.read(file) or "# Notes\n"
local err = storage.write(file, existing .. "- " .. params.note .. "\n") -- nothing on success
if err then error("could not save: " .. err) end
print(storage.read(file))
print("files: " .. table.concat(storage.list("examples/*"), ", "))

-- The jail refuses paths that leave it, with a clear reason.
print(storage.read("../../etc/passwd"))

-- storage.get/set keep values in memory for this run only.
storage.set("count", 1)
print("in-memory count: " .. storage.get("count"))
