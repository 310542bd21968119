/**
 * The services behind the storage, http and tools bridges, built from configuration for one run,
 * and the merged handler table of those bridges.
 */
import { join } from 'node:path';
import { NetworkPolicy, type HostLookup, type NetworkSettings } from '../security/network-policy';
import { SpellStorage, type StorageOwner, type StorageSettings } from '../security/spell-storage';
import { httpHandlers } from './http';
import { mcpHandlers } from './mcp';
import { storageHandlers } from './storage';
import { toolsHandlers } from './tools';
import { agentsHandlers } from './agents';
import type { BridgeHandlers } from './types';

/** What `createStdlibServices` needs: the llmspell home folder and the storage/network settings. */
export interface StdlibSettings {
  /** `$LLMSPELL_HOME` (see `llmspellHome`); storage lives in its `storage` folder. */
  home: string;
  storage: StorageSettings;
  /** Whose storage namespace the run uses (a spell by name, a file by path). */
  owner: StorageOwner;
  /** Shared storage areas the manifest grants. */
  sharedStorage?: readonly string[];
  /** Tells the user something once (the legacy storage migration). */
  notice?: (text: string) => void;
  network: NetworkSettings;
  /** Tests only: a DNS stand-in and a smaller response cap. */
  networkOptions?: { lookup?: HostLookup; maxResponseBytes?: number };
  /** The hosts a spell's manifest grants (absent for a spell without a manifest). */
  spellHosts?: readonly string[];
}

/** The services these bridges read from `ctx.services`. */
export interface StdlibServices {
  storage: SpellStorage;
  network: NetworkPolicy;
}

/** Builds the run's storage (its namespace under `<home>/storage`, created on first use) and the network policy. */
export function createStdlibServices(settings: StdlibSettings): StdlibServices {
  return {
    storage: new SpellStorage(join(settings.home, 'storage'), settings.storage, settings.owner, settings.sharedStorage ?? [], settings.notice),
    network: new NetworkPolicy(settings.network, { ...settings.networkOptions, ...(settings.spellHosts ? { spellHosts: settings.spellHosts } : {}) }),
  };
}

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
