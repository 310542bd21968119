/**
 * MCP tools as the `tools` bridge and the workflow tool/agent nodes use them: listed as
 * `<server>.<tool>` with the server's JSON Schema, called with the run's signal. Failures are
 * BridgeErrors whose message names the tool (the spell sees `nil, err`).
 */
import { BridgeError, ErrorCode } from '../contract/error-codes';
import { mcpOf, splitToolName, type McpAccess } from './mcp-access';
import type { McpToolResult } from './mcp-connection';
import { McpFailure } from './mcp-failure';

/** What these need of a call: the run's signal and services (a bridge call context is one). */
export interface McpCallContext {
  readonly signal: AbortSignal;
  readonly services: { readonly [name: string]: unknown };
}

/** The run's MCP access; a clear error when the host runs no MCP servers. */
export function access(ctx: McpCallContext): McpAccess {
  const mcp = mcpOf(ctx);
  if (!mcp) throw new BridgeError('no MCP servers in this run (configure mcp.servers in llmspell.yaml)', ErrorCode.McpUnavailable);
  return mcp;
}

/** Runs an MCP request; its failure becomes a BridgeError with the MCP message. */
export async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    throw new BridgeError(error instanceof McpFailure ? error.message : `MCP: ${(error as Error).message}`, ErrorCode.McpError);
  }
}

/** The MCP tools this run may use, as `tools.builtin_list` lists them; a server that fails is left out. */
export async function mcpToolList(ctx: McpCallContext): Promise<Array<{ name: string; description: string; parameters: Record<string, unknown> }>> {
  const mcp = mcpOf(ctx);
  if (!mcp) return [];
  const perServer = await Promise.all(
    mcp.servers().map(async (server) => {
      try {
        const tools = await mcp.connection(server).listTools(ctx.signal);
        return tools.map((t) => ({ name: `${server}.${t.name}`, description: t.description, parameters: t.inputSchema }));
      } catch {
        return []; // its tools are simply absent; calling one says why (the server's error)
      }
    }),
  );
  return perServer.flat();
}

/** Whether `name` is `<configured server>.<tool>`. */
export function isMcpToolName(ctx: McpCallContext, name: string): boolean {
  const parts = splitToolName(name);
  return parts !== undefined && mcpOf(ctx)?.configured(parts[0]) === true;
}

/**
 * Calls an MCP tool. The value a spell gets: the structured content when the server gives one, else
 * the text of the result (parts joined by newlines), else the content list. A tool error is `nil, err`.
 */
export async function executeMcpTool(ctx: McpCallContext, name: string, params: unknown): Promise<unknown> {
  const [server, tool] = splitToolName(name)!;
  const connection = access(ctx).connection(server);
  // nothing, or an empty Lua table arriving as an empty list, means "no arguments"
  const args = params === undefined || params === null || (Array.isArray(params) && params.length === 0) ? {} : params;
  if (typeof args !== 'object' || Array.isArray(args)) throw new BridgeError(`${name}: parameters must be a table of arguments`, ErrorCode.BadArgument);
  const result: McpToolResult = await guarded(() => connection.callTool(tool, args as Record<string, unknown>, { signal: ctx.signal }));
  const text = textOf(result);
  if (result.isError) throw new BridgeError(`${name}: ${(text ?? 'the tool failed').replace(/^MCP error -?\d+: /, '')}`, ErrorCode.ToolError);
  if (result.structuredContent !== undefined) return result.structuredContent;
  if (text !== undefined) return text;
  return result.content ?? [];
}

/** The text parts of a result joined by newlines, or undefined when there are other kinds only. */
function textOf(result: McpToolResult): string | undefined {
  const parts = (result.content ?? []).filter((c) => c.type === 'text' && typeof c.text === 'string').map((c) => c.text as string);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** One MCP tool's definition (for an agent's tool list); undefined when the server has no such tool. */
export async function mcpToolSpec(ctx: McpCallContext, name: string): Promise<{ name: string; description: string; parameters: Record<string, unknown> } | undefined> {
  const [server, tool] = splitToolName(name) ?? [];
  if (!server || !tool) return undefined;
  const found = (await guarded(() => access(ctx).connection(server).listTools(ctx.signal))).find((t) => t.name === tool);
  return found ? { name, description: found.description, parameters: found.inputSchema } : undefined;
}
