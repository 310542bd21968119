/**
 * Errors of MCP calls as spells see them: one sentence naming the server and what was being done,
 * never a bare "Connection closed".
 */
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { McpFailure } from './mcp-failure';

export { McpFailure };

/** `MCP server 'fs': the call to 'read_file' failed: ...`, with what the server printed when it crashed. */
export function describeMcpError(server: string, what: string, error: unknown, stderrTail: string): string {
  const prefix = `MCP server '${server}'`;
  if (error instanceof McpFailure) return error.message;
  if (error instanceof McpError) {
    if (error.code === ErrorCode.ConnectionClosed) {
      const said = stderrTail ? ` (it printed: ${lastLine(stderrTail)})` : '';
      return `${prefix} stopped during ${what}${said}; it is restarted for the next call`;
    }
    if (error.code === ErrorCode.RequestTimeout) return `${prefix}: ${what} timed out`;
    return `${prefix}: ${what} failed: ${stripPrefix(error.message)}`;
  }
  const err = error as { name?: string; message?: string; code?: string };
  if (err?.name === 'AbortError') return `${prefix}: ${what} was cancelled`;
  if (err?.code === 'ENOENT') return `${prefix}: cannot start its command (not found)`;
  const said = stderrTail && /start/.test(what) ? ` (it printed: ${lastLine(stderrTail)})` : '';
  return `${prefix}: ${what} failed: ${err?.message ?? String(error)}${said}`;
}

/** The SDK prefixes its messages with `MCP error -32602: `; the code means nothing to a spell. */
function stripPrefix(message: string): string {
  return message.replace(/^MCP error -?\d+: /, '');
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}
