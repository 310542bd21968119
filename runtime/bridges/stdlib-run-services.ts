/**
 * The services behind the storage and http bridges (and the tools and agents that use them), built
 * from configuration for one run. Apart from their handlers (stdlib-services.ts): a run builds its
 * services up front but loads the handlers on a spell's first call (services/lazy-bridges.ts).
 */
import { join } from 'node:path';
import { NetworkPolicy, type HostLookup, type NetworkSettings } from '../security/network-policy';
import { SpellStorage, type StorageOwner, type StorageSettings } from '../security/spell-storage';

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
