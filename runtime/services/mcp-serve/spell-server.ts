/**
 * The MCP server of `llmspell mcp serve`: each spell is a tool. A call is a normal sandboxed run
 * (runSpell, with the spell's manifest permissions and limits); what it prints is the text result,
 * a returned table/object is the structured result, a failed run is a tool error with the spell's
 * message. Output lines are sent as progress notifications; a cancelled request stops the run.
 */
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RunEvent, RunOutcome } from '../../contract/run-events';
import { ParamsError, resolveParams } from '../../spells/parameters';
import type { SpellTool } from './spell-tools';

/** Runs one spell; the server gives it the checked params, the request's signal and an output sink. */
export type SpellRunner = (tool: SpellTool, params: Record<string, unknown>, options: { signal: AbortSignal; onEvent: (event: RunEvent) => void }) => Promise<RunOutcome>;

const SERVER_INFO = { name: 'llmspell', version: '0.1.0' };
/** Progress messages are lines of output; a very long one is cut. */
const MAX_PROGRESS_MESSAGE = 500;

/** A new MCP server over `tools` (one per client session: the SDK binds a server to one transport). */
export function createSpellServer(tools: readonly SpellTool[], run: SpellRunner): Server {
  const server = new Server(SERVER_INFO, { capabilities: { tools: {} } });
  const byName = new Map(tools.map((t) => [t.name, t]));

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = byName.get(request.params.name);
    if (!tool) throw invalidParams(`unknown tool '${request.params.name}' (tools: ${[...byName.keys()].join(', ')})`);
    let params: Record<string, unknown>;
    try {
      params = resolveParams(tool.spell.manifest?.parameters, { file: request.params.arguments ?? {} });
    } catch (error) {
      if (error instanceof ParamsError) throw invalidParams(`invalid arguments for ${tool.name}: ${error.problems.join('; ')}`);
      throw error;
    }
    const token = request.params._meta?.progressToken;
    let output = '';
    let step = 0;
    const onEvent = (event: RunEvent) => {
      if (event.type !== 'output' || event.stream !== 'stdout') return;
      output += event.text;
      if (token === undefined) return;
      step++;
      const message = event.text.trimEnd().slice(0, MAX_PROGRESS_MESSAGE);
      void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress: step, ...(message ? { message } : {}) } }).catch(() => {});
    };
    const outcome = await run(tool, params, { signal: extra.signal, onEvent });
    if (!outcome.ok) {
      const message = outcome.error?.message ?? 'the spell failed';
      return { isError: true, content: [{ type: 'text', text: output ? `${output.trimEnd()}\n${message}` : message }] };
    }
    const result: CallToolResult = { content: [{ type: 'text', text: output }] };
    const value = outcome.result;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) result.structuredContent = value as Record<string, unknown>;
    else if (Array.isArray(value)) result.structuredContent = { result: value };
    return result;
  });
  return server;
}

/**
 * A JSON-RPC "invalid params" error. Not an McpError: its message carries an "MCP error -32602: "
 * prefix that the client's SDK would add a second time.
 */
function invalidParams(message: string): Error {
  return Object.assign(new Error(message), { code: ErrorCode.InvalidParams });
}
