/**
 * Machine-readable causes of a failure a spell sees: a JS spell's `SpellError.code`, `RpcResult.code`
 * and the code of a run's or workflow's error. Code branches on these, never on an error's text.
 */
export const ErrorCode = {
  /** Any bridge failure without a more precise cause. */
  BridgeError: 'bridge_error',
  /** An argument of a bridge call was missing or had the wrong shape. */
  BadArgument: 'bad_argument',
  /** The spell's manifest does not grant what the call needs. */
  PermissionDenied: 'permission_denied',
  /** A replayed cassette had no recorded answer for a request. */
  CassetteMiss: 'cassette_miss',
  HttpError: 'http_error',
  NetworkUnavailable: 'network_unavailable',
  StorageUnavailable: 'storage_unavailable',
  NoInput: 'no_input',
  ToolError: 'tool_error',
  InvalidWorkflow: 'invalid_workflow',
  WorkflowError: 'workflow_error',
  WorkflowUnavailable: 'workflow_unavailable',
  LlmUnavailable: 'llm_unavailable',
  LlmBadJson: 'llm_bad_json',
  LlmSchemaMismatch: 'llm_schema_mismatch',
  /** An MCP server failed, crashed, or answered a tool call with an error. */
  McpError: 'mcp_error',
  /** The MCP server is not configured, or not granted to this run. */
  McpUnavailable: 'mcp_unavailable',
  /** The run's LLM budget (limits.llm_calls, limits.tokens, limits.llm_rate) is spent. */
  LlmBudget: 'llm_budget',
  /**
   * The run's cost cap (limits.cost, --max-cost) is reached: the next LLM call would pass it, or a call
   * took the run past it. The call fails and the run (with every run nested in it) ends with this code.
   */
  CostLimit: 'cost_limit',
  /** A JSON Schema check went past its deadline (a costly schema or pattern); it was stopped. */
  SchemaTimeout: 'schema_timeout',
  // ---- how a run ends (ErrorInfo.code of a run outcome) ----
  /** The spell raised an error. */
  SpellError: 'spell_error',
  /** The run (or a run nested in it) went past its time limit. */
  Timeout: 'timeout',
  /** The run went past its memory limit. */
  Memory: 'memory',
  /** The run used up its opt-in instruction budget (`limits.instructions`). */
  InstructionLimit: 'instruction_limit',
  /** The run (or the run tree it belongs to) used up its CPU time (`limits.cpu`). */
  CpuLimit: 'cpu_limit',
  /** Stopped by the user or the host. */
  Stopped: 'stopped',
  /** The engine process died. */
  Crashed: 'crashed',
  /** Runs nested deeper than `limits.max_depth`. */
  NestingTooDeep: 'nesting_too_deep',
  /** A run tree wanted more engine processes at once than `limits.max_processes`. */
  TooManyProcesses: 'too_many_processes',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * An error whose message is shown to the spell as is (`nil, message`), with its code: one of
 * `ErrorCode`, or the code of a nested run's failure passed through.
 */
export class BridgeError extends Error {
  constructor(
    message: string,
    readonly code: string = ErrorCode.BridgeError,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
