import type { RunLimits } from '../contract/limits';
import type { SpellManifest } from '../contract/spell-manifest';

/** What a spell's manifest asks for (seconds, megabytes, CPU seconds, instructions), in engine units; empty without a manifest. */
export function askedLimits(manifest: Pick<SpellManifest, 'limits'> | undefined): Partial<RunLimits> {
  const asked = manifest?.limits ?? {};
  return {
    ...(asked.timeout !== undefined ? { timeoutMs: Math.round(asked.timeout * 1000) } : {}),
    ...(asked.memory !== undefined ? { memoryBytes: Math.round(asked.memory * 2 ** 20) } : {}),
    ...(asked.cpu !== undefined ? { cpuMs: Math.round(asked.cpu * 1000) } : {}),
    ...(asked.instructions !== undefined ? { instructions: asked.instructions } : {}),
  };
}
