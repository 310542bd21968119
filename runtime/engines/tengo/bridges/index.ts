/** The bridge modules a Tengo spell can import, by name; `params` is an immutable map. */
import { fromJs } from '../interop';
import type { Machine } from '../machine';
import type { Value } from '../values';
import type { SyncHost } from '../worker/sync-host';
import { agentsModule } from './agents';
import { httpModule, ioModule, logModule, mcpModule, storageModule } from './basics';
import { makeKit } from './kit';
import { llmModule } from './llm';
import { toolsModule } from './tools';

export const BRIDGE_MODULES = ['llm', 'tools', 'agents', 'storage', 'http', 'log', 'io', 'mcp', 'params'] as const;

export function bridgeModules(host: SyncHost, m: Machine, params: Record<string, unknown>): (name: string) => Value | undefined {
  const kit = makeKit(host, m);
  const made = new Map<string, Value>();
  const build: Record<string, () => Value> = {
    llm: () => llmModule(kit),
    tools: () => toolsModule(kit),
    agents: () => agentsModule(kit),
    storage: () => storageModule(kit),
    http: () => httpModule(kit),
    log: () => logModule(kit),
    io: () => ioModule(kit),
    mcp: () => mcpModule(kit),
    params: () => fromJs(params, true),
  };
  return (name) => {
    if (!Object.hasOwn(build, name)) return undefined;
    if (!made.has(name)) made.set(name, build[name]!());
    return made.get(name);
  };
}
