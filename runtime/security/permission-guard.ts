import { BridgeError, ErrorCode } from '../contract/error-codes';
import { MOCK_PROVIDER } from '../contract/provider-names';
import type { SpellPermissions } from '../contract/spell-permissions';

/** What the guard reads of a call's context: the run's services (for the current LLM provider). */
export interface GuardedContext {
  readonly services: { readonly [name: string]: unknown };
}

/** A bridge handler as the guard sees it; bridges/types' `BridgeHandler` is one. */
export type GuardedHandler<C extends GuardedContext> = (args: unknown[], ctx: C) => Promise<unknown>;

/**
 * A spell with a manifest gets no more than its `permissions` section grants (DESIGN.md: "the host
 * grants no more"); a bare .lua/.js file, which its author runs directly, gets what the configuration
 * allows. The guard wraps each bridge handler: denied calls fail with what to add to spell.yaml.
 * (Network hosts are enforced inside NetworkPolicy, so every redirect hop is checked too.)
 */
export function guardBridges<C extends GuardedContext>(
  handlers: Record<string, GuardedHandler<C>>,
  permissions: SpellPermissions,
  spellName: string,
): Record<string, GuardedHandler<C>> {
  const deny = (what: string, add: string) =>
    new BridgeError(`permission denied: the manifest of '${spellName}' does not grant ${what} (add to spell.yaml: permissions: ${add})`, ErrorCode.PermissionDenied);
  const any = (list: string[]) => list.includes('*');
  const allows = (list: string[], name: string) => any(list) || list.includes(name);

  const checks: Record<string, (method: string, args: unknown[], ctx: C) => void> = {
    llm: (method, args, ctx) => {
      const { providers, models } = permissions.llm;
      if (providers.length === 0) throw deny('LLM access', '{ llm: true }');
      const llm = ctx.services.llm as { currentProvider(): { name: string; model: string } } | undefined;
      const current = llm?.currentProvider();
      const provider = method === 'llm.set_provider' ? String(args[0] ?? '') : current?.name;
      // The offline mock sends nothing anywhere: always allowed once the LLM is.
      if (provider && provider !== MOCK_PROVIDER && !allows(providers, provider)) throw deny(`the LLM provider '${provider}'`, `{ llm: { providers: [${provider}] } }`);
      const model = requestedModel(method, args) ?? (method === 'llm.set_provider' ? undefined : current?.model);
      if (model && provider !== MOCK_PROVIDER && !allows(models, model)) throw deny(`the model '${model}'`, `{ llm: { models: [${model}] } }`);
    },
    storage: () => {
      if (!permissions.storage) throw deny('storage', '{ storage: true }');
    },
    http: () => {
      if (permissions.network.length === 0) throw deny('network access', '{ network: [example.com] }');
    },
    tools: (method, args) => {
      if (method !== 'tools.builtin_execute') return; // listing and validating are harmless
      const name = String(args[0] ?? '');
      // Built-in tool names have no dot: `<server>.<tool>` is an MCP server's tool.
      const dot = name.indexOf('.');
      if (dot > 0) {
        const server = name.slice(0, dot);
        if (!allows(permissions.mcp, server)) throw deny(`the MCP server '${server}'`, `{ mcp: [${server}] }`);
        return;
      }
      if (!allows(permissions.tools, name)) throw deny(`the built-in tool '${name}'`, `{ tools: [${name}] }`);
      if (name.startsWith('file_') && !permissions.storage) throw deny(`storage (for the tool '${name}')`, '{ storage: true }');
      if ((name === 'web_fetch' || name === 'http_request') && permissions.network.length === 0) {
        throw deny(`network access (for the tool '${name}')`, '{ network: [example.com] }');
      }
    },
    mcp: (method, args) => {
      if (method === 'mcp.servers') return; // lists only what the run may use
      const server = String(args[0] ?? '');
      if (!allows(permissions.mcp, server)) throw deny(`the MCP server '${server}'`, `{ mcp: [${server}] }`);
    },
    // The built-in agents' definitions (their prompts and tool names): reading them touches nothing;
    // their LLM and tool calls go through the checks above.
    agents: () => {},
    workflow: (method) => {
      // A workflow file can use every node type: running one needs everything the host could give.
      if (method !== 'workflow.run_file') return;
      const all = any(permissions.network) && permissions.storage && any(permissions.tools) && any(permissions.llm.providers);
      if (!all) throw deny('running workflow files', '{ llm: true, network: true, storage: true, tools: true }');
    },
  };

  return Object.fromEntries(
    Object.entries(handlers).map(([method, handler]): [string, GuardedHandler<C>] => {
      const module = method.split('.')[0] ?? '';
      // io reads the user's own input and needs no grant; a module the guard does not know is denied
      // (a new bridge must say here what it needs before a spell with a manifest can reach it)
      if (FREE_MODULES.has(module)) return [method, handler];
      const check = checks[module] ?? (() => {
        throw new BridgeError(`permission denied: '${method}' belongs to the bridge module '${module}', which the permission guard does not know`, ErrorCode.PermissionDenied);
      });
      return [
        method,
        async (args, ctx) => {
          check(method, args, ctx); // a denial is a rejection, like any handler's failure
          return handler(args, ctx);
        },
      ];
    }),
  );
}

/** Host bridge modules that touch nothing a manifest must grant. */
const FREE_MODULES = new Set(['io']);

/** The model a call names explicitly: `opts.model`, or `request.model` of the agents' calls. */
function requestedModel(method: string, args: unknown[]): string | undefined {
  const read = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { model?: unknown }).model : undefined);
  const candidate = method === 'llm.tool_chat' || method === 'llm.tool_stream' ? read(args[0]) : method === 'llm.chat_json' ? read(args[2]) : method === 'llm.set_provider' ? args[1] : read(args[1]);
  return typeof candidate === 'string' && candidate !== '' ? candidate : undefined;
}
