/**
 * What a BullMQ job of a batch carries (parameters and which spell, never a key or a secret) and
 * what the worker returns. Both cross machines, so both are checked with zod on arrival.
 */
import { z } from 'zod';
import { BatchResult } from '../../contract/batch';

export const BatchJobData = z.object({
  batch: z.string(),
  row: z.int().min(1),
  key: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** The provider whose queue this is; the worker runs the row with its own key for it. */
  provider: z.string(),
  spell: z.object({
    name: z.string(),
    /** The version key (hash of the spell's files) the row's job id was built from. */
    version: z.string(),
    /** SHA-256 of a `.spell` bundle stored beside the queue, when the spell is shipped with the job. */
    bundle: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  }),
});
export type BatchJobData = z.infer<typeof BatchJobData>;

/** A worker's answer for one row: the result line without the row's identity. */
export const BatchJobReturn = BatchResult.pick({ status: true, output: true, result: true, error: true, tokens: true, cost: true, durationMs: true, attempts: true, worker: true });
export type BatchJobReturn = z.infer<typeof BatchJobReturn>;

/** Where a shipped bundle is stored (once per spell version, not once per job). */
export function bundleKey(sha: string): string {
  return `llmspell:bundle:${sha}`;
}

/** A hash of every batch's description, and a set of each batch's job ids (for `--status`). */
export const BATCHES_KEY = 'llmspell:batches';
export function batchJobsKey(batch: string): string {
  return `llmspell:batch:${batch}:jobs`;
}

export const BatchInfo = z.object({
  spell: z.string(),
  input: z.string(),
  provider: z.string(),
  queue: z.string(),
  total: z.int(),
  createdAt: z.number(),
});
export type BatchInfo = z.infer<typeof BatchInfo>;
