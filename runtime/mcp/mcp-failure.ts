// Apart from mcp-errors.ts, which reads the MCP SDK's error types: the bridges throw this on every run's
// path, and a run that calls no MCP server loads no SDK.

/** A failed MCP request; the message is meant for the spell (`nil, err`). */
export class McpFailure extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'McpFailure';
  }
}
