/**
 * The `mcp` bridge, host side: resources and prompts of the run's MCP servers. Every call goes to a
 * connection the host owns, with the run's signal (a stopped run cancels its calls). Failures come
 * back to the spell as `nil, err` / a thrown SpellError.
 */
import { z } from 'zod';
import { mcpOf } from '../mcp/mcp-access';
import { access, guarded } from '../mcp/mcp-tools';
import { argument } from './bridge-args';
import type { BridgeHandlers } from './types';

const Server = z.string({ error: 'an MCP server name string' }).min(1, { error: 'an MCP server name string' });
const Text = z.string({ error: 'a string' });
const Args = z.union([z.record(z.string(), z.unknown()), z.array(z.never()).length(0)], { error: 'a table of prompt arguments' }).optional();


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
