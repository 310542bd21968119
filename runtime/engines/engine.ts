import type { RunLimits } from '../contract/limits';

/** What every engine (Lua, JavaScript) needs from the engine process to run one spell. */
export interface EngineRunInput {
  code: string;
  /** Shown in errors: `hello.lua:3: ...`. */
  fileName: string;
  params: Record<string, unknown>;
  limits: RunLimits;
  /** `test`: a spell test, which also gets the assertion library and `run_spell`. */
  mode?: 'run' | 'test';
  /** JavaScript: the spell folder's other modules by file name, the only ones `import` can load. */
  modules?: Record<string, string>;
}

/** A finished host call or a stream event, handed back to the VM's scheduler. */
export type Completion =
  | { id: number; kind: 'result'; ok: true; value: unknown }
  | { id: number; kind: 'result'; ok: false; error: string; code?: string }
  | { id: number; kind: 'event'; event: unknown };

/**
 * The engine process's services as an engine sees them. All calls are synchronous except
 * waitForCompletions, which the engine awaits whenever every task of the spell is waiting.
 */
export interface EngineHost {
  /** Spell output; stdout unless `stream` says otherwise (console.error in JS). */
  write(text: string, stream?: 'stdout' | 'stderr'): void;
  /** Sends the output written so far at once (`io.flush`) instead of with the next batch. */
  flush(): void;
  /** Starts a bridge RPC; returns its id. */
  call(method: string, args: unknown[]): number;
  cancel(id: number): void;
  /** The spell is about to execute its first instruction. */
  started(): void;
  /**
   * The VM has computed a while without yielding (Lua asks after its first ≈ 200,000 instructions):
   * from now on the host must be able to interrupt it from outside (the engine's watchdog thread).
   */
  busy?(): void;
  /** Milliseconds on a monotonic clock, for timers. */
  now(): number;
  /**
   * A reason to stop (time limit, stop request), or undefined to go on. Called at yield points and
   * from the VM's hook or interrupt handler.
   */
  check(): string | undefined;
  log(level: string, message: string, fieldsJson: string): void;
  /** A notable step (tool call, tool result) to show as a run event; data is JSON text. */
  notify(name: string, dataJson: string): void;
  jsonDecode(text: string): { value?: unknown; error?: string };
  /** Resolves with at least one completion, or with none once `deadline` (ms, `now()` clock) passes. */
  waitForCompletions(deadline: number | undefined): Promise<Completion[]>;
}

/** A VM prepared for one run (LuaEngine, JsEngine). */
export interface Engine {
  /** Runs the spell to completion; resolves with its result (a JS spell's return value), rejects with its error. */
  run(input: EngineRunInput, host: EngineHost): Promise<unknown>;
  close(): void;
}
