import agents from './bridges/agents.lua?raw';
import asyncBridge from './bridges/async.lua?raw';
import http from './bridges/http.lua?raw';
import io from './bridges/io.lua?raw';
import json from './bridges/json.lua?raw';
import llm from './bridges/llm.lua?raw';
import log from './bridges/log.lua?raw';
import mcp from './bridges/mcp.lua?raw';
import promise from './bridges/promise.lua?raw';
import spellBridge from './bridges/spell.lua?raw';
import storage from './bridges/storage.lua?raw';
import testing from './bridges/testing.lua?raw';
import tools from './bridges/tools.lua?raw';
import workflow from './bridges/workflow.lua?raw';

/**
 * Lua sources that each register one global through `__llmspell_bridge(name, factory)`, in this order:
 * a bridge may use the globals registered before it (llm builds on promise, agents on tools and llm).
 */
export const LUA_BRIDGES: readonly string[] = [json, log, io, promise, asyncBridge, llm, storage, http, tools, agents, workflow, mcp, spellBridge, testing];
