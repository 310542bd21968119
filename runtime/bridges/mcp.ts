/**
 * The `mcp` bridge, host side, and MCP tools for the `tools` bridge: every call goes to a connection
 * the host owns, with the run's signal (a stopped run cancels its calls). Failures come back to the
 * spell as `nil, err` / a thrown SpellError.
 */
import { z } from 'zod';
import { ErrorCode } from '../contract/error-codes';
import { McpFailure } from '../mcp/mcp-errors';
import type { McpToolResult } from '../mcp/mcp-connection';
import { mcpOf, splitToolName, type McpAccess } from '../mcp/mcp-access';
import { argument } from './bridge-args';
import { BridgeError, type BridgeCallContext, type BridgeHandlers } from './types';

const Server = z.string({ error: 'an MCP server name string' }).min(1, { error: 'an MCP server name string' });
const Text = z.string({ error: 'a string' });
const Args = z.union([z.record(z.string(), z.unknown()), z.array(z.never()).length(0)], { error: 'a table of prompt arguments' }).optional();

function access(ctx: BridgeCallContext): McpAccess {
  const mcp = mcpOf(ctx);
  if (!mcp) throw new BridgeError('no MCP servers in this run (configure mcp.servers in llmspell.yaml)', ErrorCode.McpUnavailable);
  return mcp;
}

/** Runs an MCP request; its failure becomes a BridgeError with the MCP message. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BridgeError) throw error;
    throw new BridgeError(error instanceof McpFailure ? error.message : `MCP: ${(error as Error).message}`, ErrorCode.McpError);
  }
}

/** Handlers of the `mcp` bridge, keyed by method name. */
export const mcpHandlers: BridgeHandlers = {
  /** `mcp.servers()` → names of the servers this run may use. */
  'mcp.servers': async (_args, ctx) => mcpOf(ctx)?.servers() ?? [],

  /** `mcp.resources(server)` → `[{uri, name, description?, mime?}]`. */
  'mcp.resources': async (args, ctx) => {
    const server = argument('mcp.resources', args, 0, 'server', Server);
    const connection = access(ctx).connection(server);
    const list = await guarded(() => connection.listResources(ctx.signal));
    return list.map((r) => ({ uri: r.uri, name: r.name, ...(r.description ? { description: r.description } : {}), ...(r.mimeType ? { mime: r.mimeType } : {}) }));
  },

  /** `mcp.read(server, uri)` → `[{uri, mime?, text? | blob?}]`. */
  'mcp.read': async (args, ctx) => {
    const server = argument('mcp.read', args, 0, 'server', Server);
    const uri = argument('mcp.read', args, 1, 'uri', Text);
    const connection = access(ctx).connection(server);
    const result = await guarded(() => connection.readResource(uri, ctx.signal));
    return result.contents.map((c) => ({
      uri: String(c.uri ?? uri),
      ...(typeof c.mimeType === 'string' ? { mime: c.mimeType } : {}),
      ...(typeof c.text === 'string' ? { text: c.text } : {}),
      ...(typeof c.blob === 'string' ? { blob: c.blob } : {}),
    }));
  },

  /** `mcp.prompt(server, name, args)` → `{description?, messages = [{role, content}]}`. */
  'mcp.prompt': async (args, ctx) => {
    const server = argument('mcp.prompt', args, 0, 'server', Server);
    const name = argument('mcp.prompt', args, 1, 'name', Text);
    const given = argument('mcp.prompt', args, 2, 'args', Args);
    // MCP prompt arguments are strings; numbers from a spell are meant as their text.
    const promptArgs = Object.fromEntries(Object.entries(Array.isArray(given) || !given ? {} : given).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    const connection = access(ctx).connection(server);
    const result = await guarded(() => connection.getPrompt(name, promptArgs, ctx.signal));
    return {
      ...(result.description ? { description: result.description } : {}),
      messages: result.messages.map((m) => ({ role: String(m.role), content: contentText(m.content) })),
    };
  },
};

function contentText(content: unknown): string {
  const c = content as { type?: string; text?: unknown } | undefined;
  return c?.type === 'text' && typeof c.text === 'string' ? c.text : JSON.stringify(content);
}

/** The MCP tools this run may use, as `tools.builtin_list` lists them; a server that fails is left out. */
export async function mcpToolList(ctx: BridgeCallContext): Promise<Array<{ name: string; description: string; parameters: Record<string, unknown> }>> {
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
export function isMcpToolName(ctx: BridgeCallContext, name: string): boolean {
  const parts = splitToolName(name);
  return parts !== undefined && mcpOf(ctx)?.configured(parts[0]) === true;
}

/**
 * Calls an MCP tool. The value a spell gets: the structured content when the server gives one, else
 * the text of the result (parts joined by newlines), else the content list. A tool error is `nil, err`.
 */
export async function executeMcpTool(ctx: BridgeCallContext, name: string, params: unknown): Promise<unknown> {
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
