import type { BridgeHandlers } from '../bridges/types';

/**
 * The standard bridges' handlers, each module loaded on the first call of one of its methods: a run
 * that never calls an LLM, http, storage, tools, MCP or an agent never loads those modules (their
 * schemas, the JSON Schema checker, the HTTP client), and a one-line spell's cold start reads less.
 * The method names are listed here, so the table has every key before anything loads;
 * test/runtime/services/lazy-bridges.test.ts checks each list against its module.
 */
export const LAZY_BRIDGES = {
  llm: {
    methods: ['llm.chat', 'llm.stream', 'llm.chat_json', 'llm.list_models', 'llm.list_providers', 'llm.get_provider', 'llm.set_provider', 'llm.tool_stream', 'llm.tool_chat'],
    load: async (): Promise<BridgeHandlers> => (await import('../bridges/llm')).llmHandlers,
  },
  stdlib: {
    methods: [
      ...['storage.read', 'storage.write', 'storage.exists', 'storage.delete', 'storage.list'],
      ...['http.request', 'http.get', 'http.post'],
      ...['tools.builtin_list', 'tools.builtin_execute', 'tools.validate'],
      ...['mcp.servers', 'mcp.resources', 'mcp.read', 'mcp.prompt'],
      ...['agents.builtin_list', 'agents.turn', 'agents.tool_result'],
    ],
    load: async (): Promise<BridgeHandlers> => (await import('../bridges/stdlib-services')).stdlibHandlers,
  },
} as const satisfies Record<string, { methods: readonly string[]; load: () => Promise<BridgeHandlers> }>;

/** A handler table with `methods` as keys whose handlers load `load()`'s table on first use and call into it. */
export function lazyHandlers(methods: readonly string[], load: () => Promise<BridgeHandlers>): BridgeHandlers {
  let table: Promise<BridgeHandlers> | undefined;
  const handlers: BridgeHandlers = {};
  for (const method of methods) {
    handlers[method] = async (args, ctx) => {
      const handler = (await (table ??= load()))[method];
      if (!handler) throw new Error(`bridge method '${method}' is listed but its module has no handler for it`);
      return handler(args, ctx);
    };
  }
  return handlers;
}

/** The lazily loaded tables of LAZY_BRIDGES, by group. */
export function lazyBridge(group: keyof typeof LAZY_BRIDGES): BridgeHandlers {
  const { methods, load } = LAZY_BRIDGES[group];
  return lazyHandlers(methods, load);
}
