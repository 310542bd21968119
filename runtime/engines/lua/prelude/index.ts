import core from './1-core.lua?raw';
import json from './2-json.lua?raw';
import scheduler from './3-scheduler.lua?raw';
import sandbox from './4-sandbox.lua?raw';
import entry from './5-entry.lua?raw';

/**
 * The Lua side of the engine, run once per VM with the full standard library before any spell code.
 * Its parts (the numbered .lua files here) share one chunk's locals, in the order of their numbers;
 * scripts/lint-lua.mjs lints them joined the same way. Protocol with lua-engine.ts: JS calls
 * `__llmspell_run(code, chunkname, params)` as a coroutine; whenever every task waits it yields the
 * earliest timer (ms, or nil) and is resumed with the host's completions.
 */
export const LUA_PRELUDE = [core, json, scheduler, sandbox, entry].join('\n');
