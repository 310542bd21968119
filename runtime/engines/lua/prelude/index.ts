import { LUA_CORE } from './core';
import { LUA_JSON } from './json';
import { LUA_SCHEDULER } from './scheduler';
import { LUA_SANDBOX } from './sandbox';
import { LUA_ENTRY } from './entry';

/**
 * The Lua side of the engine, run once per VM with the full standard library before any spell code.
 * Its parts share one chunk's locals, in this order. Protocol with lua-engine.ts: JS calls
 * `__llmspell_run(code, chunkname, params)` as a coroutine; whenever every task waits it yields the
 * earliest timer (ms, or nil) and is resumed with the host's completions.
 */
export const LUA_PRELUDE = [LUA_CORE, LUA_JSON, LUA_SCHEDULER, LUA_SANDBOX, LUA_ENTRY].join('\n');
