import { LUA_ASYNC_BRIDGE } from './bridges/async';
import { LUA_JSON_BRIDGE } from './bridges/json';
import { LUA_LLM_BRIDGE } from './bridges/llm';
import { LUA_LOG_BRIDGE } from './bridges/log';
import { LUA_PROMISE_BRIDGE } from './bridges/promise';

/**
 * Lua sources that each register one global through `__llmspell_bridge(name, factory)`, in this order
 * (a bridge may use the globals registered before it: llm builds on promise).
 */
export const LUA_BRIDGES: readonly string[] = [LUA_JSON_BRIDGE, LUA_LOG_BRIDGE, LUA_PROMISE_BRIDGE, LUA_ASYNC_BRIDGE, LUA_LLM_BRIDGE];
