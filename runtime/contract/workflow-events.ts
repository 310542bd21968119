import { z } from 'zod';
import { ErrorInfo } from './engine-protocol';
import { CostReport } from './prices';

/**
 * A workflow run as a typed event stream. The CLI progress printer, `--json` lines, the studio's
 * canvas and tests all read this one stream. `nodeId` is a path: a top-level node's id, or
 * `loop[2]/critique` for a node inside a body (iteration 2 of node `loop`), `sub/draft` inside a
 * nested workflow.
 */

/** Token counts of the LLM calls a node made. */
export const TokenCount = z.object({ prompt: z.number(), completion: z.number(), total: z.number() });
export type TokenCount = z.infer<typeof TokenCount>;

/** What a `human` node asks for: the CLI prompts on stdin, the studio shows a form. */
export const HumanInputRequest = z.object({
  /** Unique per run; the answer names it. */
  requestId: z.string(),
  nodeId: z.string(),
  /** The question, templates already filled in. */
  prompt: z.string(),
  /** `text`, `number`, `boolean`, or `choice` among `choices`. */
  kind: z.enum(['text', 'number', 'boolean', 'choice']),
  choices: z.array(z.string()).optional(),
  /** Used when the user gives an empty answer. */
  default: z.unknown().optional(),
});
export type HumanInputRequest = z.infer<typeof HumanInputRequest>;

const base = { runId: z.string() };
const node = { ...base, nodeId: z.string(), nodeType: z.string() };

/** One event of a workflow run (see the module comment); `type` tells which. */
export const WorkflowEvent = z.discriminatedUnion('type', [
  /** The run began; `nodes` counts the top-level nodes. */
  z.object({ type: z.literal('run-started'), ...base, workflow: z.string(), file: z.string().optional(), nodes: z.number(), at: z.number() }),
  /** A node got its inputs (and a concurrency slot) and begins an attempt (1-based); `inputs` by port. */
  z.object({ type: z.literal('node-started'), ...node, attempt: z.number(), at: z.number(), inputs: z.record(z.string(), z.unknown()).optional() }),
  /** A chunk of streamed LLM text from a node. */
  z.object({ type: z.literal('token'), ...node, text: z.string() }),
  /** A node is calling a tool (tool node, agent node). */
  z.object({ type: z.literal('tool-call'), ...node, tool: z.string(), arguments: z.unknown() }),
  z.object({ type: z.literal('tool-result'), ...node, tool: z.string(), ok: z.boolean(), error: z.string().optional() }),
  /** Text a script or spell node printed. */
  z.object({ type: z.literal('node-output'), ...node, stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  /** A human node waits for an answer. */
  z.object({ type: z.literal('input-requested'), ...node, request: HumanInputRequest }),
  /** A node finished: its output ports, time taken and tokens used; `cached` when read from the cache. */
  z.object({
    type: z.literal('node-finished'),
    ...node,
    output: z.record(z.string(), z.unknown()),
    durationMs: z.number(),
    tokens: TokenCount.optional(),
    cached: z.boolean(),
  }),
  /** A node did not run: a branch not taken, or an input from a failed node. */
  z.object({ type: z.literal('node-skipped'), ...node, reason: z.string() }),
  /** An attempt failed; `retrying` when another attempt follows, else `policy` says what happens next. */
  z.object({
    type: z.literal('node-failed'),
    ...node,
    error: ErrorInfo,
    attempt: z.number(),
    retrying: z.boolean(),
    policy: z.enum(['stop', 'continue', 'fallback']),
    durationMs: z.number(),
  }),
  /** The run ended: the workflow's outputs when ok, else the error; `failed` lists nodes that failed but let the run go on. */
  z.object({
    type: z.literal('run-finished'),
    ...base,
    ok: z.boolean(),
    outputs: z.record(z.string(), z.unknown()).optional(),
    error: z.optional(ErrorInfo),
    failed: z.array(z.string()),
    durationMs: z.number(),
    tokens: TokenCount,
    /** What the run's LLM calls cost at the configured prices (added by the host that priced them). */
    cost: CostReport.optional(),
  }),
]);
export type WorkflowEvent = z.infer<typeof WorkflowEvent>;

/** Events that concern one node. */
export type NodeEvent = Extract<WorkflowEvent, { nodeId: string }>;

/** How a workflow run ended. */
export const WorkflowOutcome = z.object({
  runId: z.string(),
  ok: z.boolean(),
  outputs: z.record(z.string(), z.unknown()),
  error: z.optional(ErrorInfo),
  failed: z.array(z.string()),
  durationMs: z.number(),
  tokens: TokenCount,
});
export type WorkflowOutcome = z.infer<typeof WorkflowOutcome>;
