// zod/mini: the engine process parses with these schemas, and its start time is a product feature
// (classic zod costs ~45 ms to load, mini ~13 ms).
import * as z from 'zod/mini';

/** Resource limits of one run; every one is enforced (see runtime/host/supervisor.ts). */
export const RunLimits = z.object({
  /** Wall-clock budget of the whole run, in milliseconds. */
  timeoutMs: z.int().check(z.positive()),
  /** Memory the spell's VM may allocate, in bytes. */
  memoryBytes: z.int().check(z.positive()),
  /**
   * Opt-in budget of VM instructions (Lua only, counted in steps of 10,000). Costs time on every
   * instruction, so it is off unless asked for; the time and memory limits need no such hook.
   */
  instructions: z.optional(z.int().check(z.positive())),
  /**
   * CPU time the run's engine process may use, in milliseconds (`limits.cpu`); absent: no limit
   * beyond wall time. Enforced by the host's process watch, not the engine.
   */
  cpuMs: z.optional(z.int().check(z.positive())),
});
export type RunLimits = z.infer<typeof RunLimits>;

export const DEFAULT_LIMITS: RunLimits = { timeoutMs: 300_000, memoryBytes: 256 * 1024 * 1024 };
