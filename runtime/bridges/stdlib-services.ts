/**
 * The merged handler table of the storage, http, tools, mcp and agents bridges, and (re-exported)
 * the services they read, built for one run.
 */
import { httpHandlers } from './http';
import { mcpHandlers } from './mcp';
import { storageHandlers } from './storage';
import { toolsHandlers } from './tools';
import { agentsHandlers } from './agents';
import type { BridgeHandlers } from './types';

export { createStdlibServices, type StdlibServices, type StdlibSettings } from './stdlib-run-services';

/** Handlers of the storage, http, tools, mcp and agents bridges; a method defined twice throws. */
export const stdlibHandlers: BridgeHandlers = mergeHandlers(storageHandlers, httpHandlers, toolsHandlers, mcpHandlers, agentsHandlers);

function mergeHandlers(...tables: BridgeHandlers[]): BridgeHandlers {
  const merged: BridgeHandlers = {};
  for (const table of tables) {
    for (const [method, handler] of Object.entries(table)) {
      if (Object.hasOwn(merged, method)) throw new Error(`bridge method '${method}' is defined twice`);
      merged[method] = handler;
    }
  }
  return merged;
}
