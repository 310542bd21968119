/** The bridge modules a Tengo spell can import, by name; `params` is an immutable map; `testing` only in spell tests. */
import { fromJs } from '../interop';
import type { Machine } from '../machine';
import type { Value } from '../values';
import type { SyncHost } from '../worker/sync-host';
import { agentsModule } from './agents';
import { httpModule, ioModule, logModule, mcpModule, storageModule } from './basics';
import { makeKit } from './kit';
import { llmModule } from './llm';
import { testingModule } from './testing';
import { toolsModule } from './tools';
import { workflowModule } from './workflow';

/** The modules every run offers (the parity test imports each one); the build table below has exactly these keys. */
export const BRIDGE_MODULES = ['llm', 'tools', 'agents', 'workflow', 'storage', 'http', 'log', 'io', 'mcp', 'params'] as const;
type BridgeModule = (typeof BRIDGE_MODULES)[number];

export function bridgeModules(host: SyncHost, m: Machine, params: Record<string, unknown>, mode: 'run' | 'test' = 'run'): (name: string) => Value | undefined {
  const kit = makeKit(host, m);
  const made = new Map<string, Value>();
  // Agents run tools and workflows run every kind of step: they share the one registry of each.
  let tools: ReturnType<typeof toolsModule> | undefined;
  const toolsOnce = () => (tools ??= toolsModule(kit));
  const get = (name: string): Value | undefined => {
    const make = Object.hasOwn(build, name) ? build[name as BridgeModule] : name === 'testing' && mode === 'test' ? () => testingModule(kit) : undefined;
    if (!make) return undefined;
    if (!made.has(name)) made.set(name, make());
    return made.get(name);
  };
  const build: Record<BridgeModule, () => Value> = {
    llm: () => llmModule(kit),
    tools: () => toolsOnce().module,
    agents: () => agentsModule(kit, () => toolsOnce().access),
    workflow: () => workflowModule(kit, get),
    storage: () => storageModule(kit),
    http: () => httpModule(kit),
    log: () => logModule(kit),
    io: () => ioModule(kit),
    mcp: () => mcpModule(kit),
    params: () => fromJs(params, true),
  };
  return get;
}
