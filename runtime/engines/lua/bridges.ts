import { LUA_AGENTS_BRIDGE } from './bridges/agents';
import { LUA_ASYNC_BRIDGE } from './bridges/async';
import { LUA_IO_BRIDGE } from './bridges/io';
import { LUA_JSON_BRIDGE } from './bridges/json';
import { LUA_LLM_BRIDGE } from './bridges/llm';
import { LUA_LOG_BRIDGE } from './bridges/log';
import { LUA_PROMISE_BRIDGE } from './bridges/promise';
import { LUA_HTTP_BRIDGE, LUA_STORAGE_BRIDGE } from './bridges/storage-http';
import { LUA_TESTING_BRIDGE } from './bridges/testing';
import { LUA_TOOLS_BRIDGE } from './bridges/tools';
import { LUA_WORKFLOW_BRIDGE } from './bridges/workflow';

/**
 * Lua sources that each register one global through `__llmspell_bridge(name, factory)`, in this order:
 * a bridge may use the globals registered before it (llm builds on promise, agents on tools and llm).
 */
export const LUA_BRIDGES: readonly string[] = [
  LUA_JSON_BRIDGE,
  LUA_LOG_BRIDGE,
  LUA_IO_BRIDGE,
  LUA_PROMISE_BRIDGE,
  LUA_ASYNC_BRIDGE,
  LUA_LLM_BRIDGE,
  LUA_STORAGE_BRIDGE,
  LUA_HTTP_BRIDGE,
  LUA_TOOLS_BRIDGE,
  LUA_AGENTS_BRIDGE,
  LUA_WORKFLOW_BRIDGE,
  LUA_TESTING_BRIDGE,
];
