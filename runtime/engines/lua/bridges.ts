import { LUA_JSON_BRIDGE } from './bridges/json';
import { LUA_LOG_BRIDGE } from './bridges/log';

/** Lua sources that each register one global through `__llmspell_bridge(name, factory)`. */
export const LUA_BRIDGES: readonly string[] = [LUA_JSON_BRIDGE, LUA_LOG_BRIDGE];
