import { z } from 'zod';

/** Resource limits of one run; every one is enforced (see runtime/host/supervisor.ts). */
export const RunLimits = z.object({
  /** Wall-clock budget of the whole run, in milliseconds. */
  timeoutMs: z.number().int().positive(),
  /** Memory the spell's VM may allocate, in bytes. */
  memoryBytes: z.number().int().positive(),
});
export type RunLimits = z.infer<typeof RunLimits>;

export const DEFAULT_LIMITS: RunLimits = { timeoutMs: 300_000, memoryBytes: 256 * 1024 * 1024 };
