/**
 * What a built-in tool is: a name, a description and JSON Schema parameters (shown to models and in
 * the studio), and a `run` that receives parameters already validated against that schema.
 */
/** A JSON Schema object. */
export type JsonSchema = Record<string, unknown>;

/**
 * What a tool may use while it runs: the run's cancellation signal and services (storage, network),
 * passed in by whoever runs it (a bridge call's context is one).
 */
export interface ToolContext {
  readonly signal: AbortSignal;
  readonly services: { readonly [name: string]: unknown };
}

/** A built-in tool. `P` is the shape its `parameters` schema guarantees. */
export interface BuiltinTool<P = Record<string, unknown>> {
  /** Unique snake_case name, as models and spells call it. */
  readonly name: string;
  /** One or two sentences for a model deciding whether to call it. */
  readonly description: string;
  /** JSON Schema of the parameters object. */
  readonly parameters: JsonSchema;
  /** Does the work; throws an Error whose message says what was wrong (the tool name is added). */
  run(params: P, ctx: ToolContext): unknown;
}

/** Identity helper that types `run`'s parameters. */
export function defineTool<P>(tool: BuiltinTool<P>): BuiltinTool<P> {
  return tool;
}
