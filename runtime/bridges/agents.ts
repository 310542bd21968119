/**
 * The `agents` bridge, host side: the built-in agents' definitions, and the agent loop itself
 * (`agents.turn`, agent-turn.ts), which Lua's, JavaScript's and Tengo's agents run on the host. The engines keep
 * the agents (registry, conversation, persistence) and run the tools the spell defined.
 */
import { BUILTIN_AGENTS } from '../agents/builtin-agents';
import { agentTurnHandlers } from './agent-turn';
import type { BridgeHandlers } from './types';

/** Handlers of the `agents` bridge, keyed by method name. */
export const agentsHandlers: BridgeHandlers = {
  /** `agents.builtin_list()` → `[{name, description, system_prompt, tools, max_steps}]` (runtime/agents/builtin-agents.ts). */
  'agents.builtin_list': async () => BUILTIN_AGENTS.map((a) => ({ ...a, tools: [...a.tools] })),
  ...agentTurnHandlers,
};
