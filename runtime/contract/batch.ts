import { z } from 'zod';
import { TokenCount } from './workflow-events';

/**
 * Batch runs: one spell (or workflow) over every row of a dataset. These shapes cross process
 * edges (a results file on disk, a job's return value in Redis, the studio's WebSocket), so they are
 * zod schemas.
 */

/** Why a row failed, when it did. `bad_row` rows never ran: their parameters were refused. */
export const BatchRowError = z.object({
  /** `bad_row`, `spell_error`, `timeout`, `memory`, `stopped`, `crashed`, `job_failed`, ... */
  code: z.string(),
  message: z.string(),
});
export type BatchRowError = z.infer<typeof BatchRowError>;

/** One line of a results file: the outcome of one input row. */
export const BatchResult = z.object({
  /** 1-based position of the row in the input. */
  row: z.int().min(1),
  /** The row's key: its `--key` column (default `id`) when it has one, else its row number. */
  key: z.string(),
  /** Hash of the spell's version and the row: a re-run finds done rows by it. */
  jobId: z.string(),
  status: z.enum(['ok', 'failed']),
  /** What the run printed. */
  output: z.string(),
  /** What the spell returned (a workflow's outputs), when it returned something. */
  result: z.unknown().optional(),
  error: BatchRowError.optional(),
  /** LLM tokens the run used, when it called an LLM. */
  tokens: TokenCount.optional(),
  /** What the row's LLM calls cost in US dollars at the configured prices (`prices`), when it made any. */
  cost: z.number().optional(),
  durationMs: z.number(),
  /** How many times the row ran (more than 1 after a retry or a worker that died). */
  attempts: z.int().min(1).optional(),
  /** The queue worker that ran it (`host:pid`); absent on the embedded queue. */
  worker: z.string().optional(),
});
export type BatchResult = z.infer<typeof BatchResult>;

/** Counters of a batch in progress: the progress bar, `--json` events and the studio all read these. */
export const BatchProgress = z.object({
  total: z.int(),
  /** Rows finished in this run or an earlier one (ok + failed + skipped). */
  done: z.int(),
  ok: z.int(),
  failed: z.int(),
  /** Rows whose result was already in the results file from an earlier run. */
  skipped: z.int(),
  running: z.int(),
  /** Rows finished per second in this run. */
  rate: z.number(),
  /** Seconds left at the current rate; undefined before the first row finishes. */
  etaSeconds: z.number().optional(),
  tokens: z.int(),
  cost: z.number().optional(),
  elapsedMs: z.number(),
});
export type BatchProgress = z.infer<typeof BatchProgress>;

/** `--json` lines of `llmspell batch`: progress as it changes, each row as it ends, then a summary. */
export const BatchEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), progress: BatchProgress }),
  z.object({ type: z.literal('row'), result: BatchResult }),
  z.object({
    type: z.literal('summary'),
    progress: BatchProgress,
    output: z.string(),
    /** True when Ctrl+C stopped the batch; the next run resumes it. */
    interrupted: z.boolean(),
  }),
]);
export type BatchEvent = z.infer<typeof BatchEvent>;
