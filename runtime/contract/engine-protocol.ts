// zod/mini, as in limits.ts: the engine process loads only these schemas before it is ready.
import * as z from 'zod/mini';
import { RunLimits } from './limits';

/**
 * The messages between the host (supervisor) and an engine process. Both sides parse every message
 * with these schemas: an engine process is not trusted, and a host bug must fail loudly.
 */

export const EngineName = z.enum(['lua', 'javascript', 'tengo']);
export type EngineName = z.infer<typeof EngineName>;

/** What a run executes: the source text and the name errors should carry. */
export const SpellSource = z.object({
  engine: EngineName,
  /** File name shown in errors and tracebacks, e.g. `hello.lua`. */
  fileName: z.string().check(z.minLength(1)),
  code: z.string(),
  /** A JavaScript spell folder's other modules, by file name like `fileName` (`hello/lib/util.js`). */
  modules: z.optional(z.record(z.string(), z.string())),
});
export type SpellSource = z.infer<typeof SpellSource>;

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const ErrorInfo = z.object({
  message: z.string(),
  /** Machine-readable cause: `spell_error`, `timeout`, `memory`, `stopped`, `crashed`, ... */
  code: z.string(),
  file: z.optional(z.string()),
  line: z.optional(z.int()),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

// ---- host → engine -------------------------------------------------------------------------------

export const RunRequest = z.object({
  type: z.literal('run'),
  runId: z.string(),
  spell: SpellSource,
  /** The spell's `params` global: strings from the CLI, or typed values from a manifest. */
  params: z.record(z.string(), z.unknown()),
  limits: RunLimits,
  logLevel: LogLevel,
  /** Name of the spell, shown in log lines. */
  spellName: z.string(),
  /** `test` runs a spell test: the assertion library and `run_spell` are added to its globals. */
  mode: z._default(z.enum(['run', 'test']), 'run'),
});
export type RunRequest = z.infer<typeof RunRequest>;

/** The answer to an `rpc`: `value` when ok, else `error` (a message for the spell). */
export const RpcResult = z.object({
  type: z.literal('rpc-result'),
  id: z.int(),
  ok: z.boolean(),
  value: z.optional(z.unknown()),
  error: z.optional(z.string()),
  /** Machine-readable cause of a failure (a BridgeError's code), for a JS spell's `SpellError.code`. */
  code: z.optional(z.string()),
});
export type RpcResult = z.infer<typeof RpcResult>;

/** A host-initiated event delivered to the running spell (stream chunks of a pending RPC). */
export const RpcEvent = z.object({ type: z.literal('rpc-event'), id: z.int(), value: z.unknown() });
export type RpcEvent = z.infer<typeof RpcEvent>;

/** Asks the engine to end the run; the supervisor SIGKILLs it one second later. */
export const StopRequest = z.object({ type: z.literal('stop'), reason: z.string() });

export const HostToEngine = z.discriminatedUnion('type', [
  RunRequest,
  RpcResult,
  RpcEvent,
  StopRequest,
]);
export type HostToEngine = z.infer<typeof HostToEngine>;

// ---- engine → host -------------------------------------------------------------------------------

export const EngineToHost = z.discriminatedUnion('type', [
  /**
   * The process booted its Lua VM and takes a run. `settled`: it prepares nothing more while it waits
   * (a pooled process says `ready` once more, settled, when its QuickJS VM is made too).
   */
  z.object({ type: z.literal('ready'), settled: z.optional(z.boolean()) }),
  /** The spell executed its first instruction (for start-latency measurement). */
  z.object({ type: z.literal('started'), at: z.number() }),
  z.object({ type: z.literal('output'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  z.object({ type: z.literal('log'), level: LogLevel, message: z.string(), fields: z.record(z.string(), z.unknown()) }),
  /** A notable step (`tool-call`, `tool-result`) for the run's event stream. */
  z.object({ type: z.literal('notify'), name: z.string(), data: z.unknown() }),
  /** A bridge call with side effects; the host answers with `rpc-result`. */
  z.object({ type: z.literal('rpc'), id: z.int(), method: z.string(), args: z.array(z.unknown()) }),
  /** Cancels a pending RPC (e.g. a stream stopped by its callback). */
  z.object({ type: z.literal('rpc-cancel'), id: z.int() }),
  /** The run ended: `result` when ok (a JS spell's return value), else `error`. */
  z.object({ type: z.literal('done'), ok: z.boolean(), result: z.optional(z.unknown()), error: z.optional(ErrorInfo) }),
]);
export type EngineToHost = z.infer<typeof EngineToHost>;
