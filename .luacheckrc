-- luacheck settings for the engines' Lua (run by scripts/lint-lua.mjs in `npm run lint` and the tests).
-- The code runs in wasmoon's Lua 5.4 with the full standard library; spells get only the sandbox.
std = "lua54"
-- As on the TypeScript side, line length is not a lint rule.
max_line_length = false

-- Each bridge is its own chunk and registers itself with the prelude's one entry point.
files["runtime/engines/lua/bridges"] = { read_globals = { "__llmspell_bridge" } }

-- The prelude reads the host functions from `__host` and leaves the entry points lua-engine.ts calls.
files["runtime/engines/lua/prelude"] = {
  globals = { "__host", "__llmspell_bridge", "__llmspell_prepare", "__llmspell_check_args", "__llmspell_run" },
}
