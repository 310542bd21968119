import { z } from 'zod';
import { ErrorInfo, LogLevel } from './engine-protocol';
import { WorkflowEvent } from './workflow-events';

/**
 * A run as a typed event stream. The CLI printer, the studio console, run history and tests all read
 * this same stream.
 */
export const RunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.string(), at: z.number() }),
  z.object({ type: z.literal('output'), runId: z.string(), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  z.object({
    type: z.literal('log'),
    runId: z.string(),
    level: LogLevel,
    message: z.string(),
    fields: z.record(z.string(), z.unknown()),
  }),
  /** A bridge call finished (llm.chat, http.get, ...). */
  z.object({
    type: z.literal('call'),
    runId: z.string(),
    method: z.string(),
    durationMs: z.number(),
    ok: z.boolean(),
    /** When the call started (ms since the epoch), for the run's trace timeline. */
    startedAt: z.number().optional(),
  }),
  /**
   * An LLM request ended (answered, failed, or refused by a budget or the cost cap): its model, tokens,
   * latency and cost at the configured price, for the run's trace and cost report.
   */
  z.object({
    type: z.literal('llm'),
    runId: z.string(),
    provider: z.string(),
    model: z.string(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    durationMs: z.number(),
    /** When the request started (ms since the epoch). */
    startedAt: z.number(),
    ok: z.boolean(),
    error: z.string().optional(),
    /** US dollars (0 when the model has no price or the call failed). */
    cost: z.number(),
    /** False when the model has no price in the configuration. */
    priced: z.boolean(),
    /** What the run (with its nested runs) has spent after this call, in US dollars. */
    totalCost: z.number(),
  }),
  /**
   * The spell started waiting in `io.read()` for a line (`waiting: true`), or stopped waiting (it got
   * its line, or the input ended): the studio focuses its input box and says so.
   */
  z.object({ type: z.literal('input-wait'), runId: z.string(), waiting: z.boolean() }),
  /** A chunk of streamed LLM text. */
  z.object({ type: z.literal('token'), runId: z.string(), text: z.string() }),
  /** A tool is about to run (from tools.execute or an agent's tool call). */
  z.object({ type: z.literal('tool-call'), runId: z.string(), tool: z.string(), arguments: z.unknown() }),
  /** A tool finished. */
  z.object({ type: z.literal('tool-result'), runId: z.string(), tool: z.string(), ok: z.boolean(), result: z.unknown(), error: z.string().optional() }),
  /** A named case of a spell test finished (`test(name, fn)` in tests/*.test.lua). */
  z.object({
    type: z.literal('test-result'),
    runId: z.string(),
    name: z.string(),
    ok: z.boolean(),
    error: z.string().optional(),
    durationMs: z.number(),
  }),
  /** An event of a workflow run (node started, finished, failed ...): the canvas and history read these. */
  z.object({ type: z.literal('workflow'), runId: z.string(), event: WorkflowEvent }),
  z.object({
    type: z.literal('finished'),
    runId: z.string(),
    ok: z.boolean(),
    error: z.optional(ErrorInfo),
    durationMs: z.number(),
  }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

/** How a run ended. */
export const RunOutcome = z.object({
  runId: z.string(),
  ok: z.boolean(),
  error: z.optional(ErrorInfo),
  /** Wall time from the run request to the end. */
  durationMs: z.number(),
  /** Milliseconds from the run request to the spell's first instruction. */
  startLatencyMs: z.number().optional(),
  /** What the spell returned (a JS spell's `main`), when it succeeded with a value. */
  result: z.unknown().optional(),
});
export type RunOutcome = z.infer<typeof RunOutcome>;
