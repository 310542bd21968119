/**
 * A tiny bundle (dist/prestart.cjs) that bin/llmspell.js loads before the CLI itself, so the engine
 * process boots while the CLI is still loading: a cold `llmspell run` pays for the two in parallel.
 */
import { engineSpawnOptions } from './engine-spawn-options';
import { NodeForkTransport } from './node-fork-transport';
import type { EngineProcess } from './transport';

export function prestartEngine(): EngineProcess {
  return new NodeForkTransport().spawn(engineSpawnOptions(undefined, { oneShot: true }));
}
