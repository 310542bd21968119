/**
 * The run's storage jail and network policy, read from the services of its call context (bridges and
 * tools alike receive them there; createStdlibServices puts them in). A run without one gets a clear
 * error, never a default.
 */
import { BridgeError, ErrorCode } from '../contract/error-codes';
import { NetworkPolicy } from './network-policy';
import { SpellStorage } from './spell-storage';

/** The part of a call context these read. */
interface WithServices {
  readonly services: { readonly [name: string]: unknown };
}

/** The run's storage (`ctx.services.storage`); a `BridgeError` when the run has none. */
export function storageOf(ctx: WithServices): SpellStorage {
  const jail = ctx.services.storage;
  if (!(jail instanceof SpellStorage)) throw new BridgeError('storage is not available in this run', ErrorCode.StorageUnavailable);
  return jail;
}

/** The run's network policy (`ctx.services.network`); a `BridgeError` when the run has none. */
export function networkOf(ctx: WithServices): NetworkPolicy {
  const policy = ctx.services.network;
  if (!(policy instanceof NetworkPolicy)) throw new BridgeError('the network is not available in this run', ErrorCode.NetworkUnavailable);
  return policy;
}
