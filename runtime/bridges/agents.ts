/**
 * The `agents` bridge, host side: the built-in agents' definitions. The agent loop itself runs in the
 * engine (Lua's agents.lua, JavaScript's prelude), over the llm and tools bridges.
 */
import { BUILTIN_AGENTS } from '../agents/builtin-agents';
import type { BridgeHandlers } from './types';

/** Handlers of the `agents` bridge, keyed by method name. */
export const agentsHandlers: BridgeHandlers = {
  /** `agents.builtin_list()` → `[{name, description, system_prompt, tools, max_steps}]` (runtime/agents/builtin-agents.ts). */
  'agents.builtin_list': async () => BUILTIN_AGENTS.map((a) => ({ ...a, tools: [...a.tools] })),
};
