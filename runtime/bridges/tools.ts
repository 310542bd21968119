/**
 * The `tools` bridge, host side (built-in tools and the tools of MCP servers, as `<server>.<tool>`):
 * list them, run one with validated parameters, and validate any value against any JSON Schema.
 */
import { z } from 'zod';
import { builtinTools } from '../tools/builtin';
import { executeTool } from '../tools/execute-tool';
import { InvalidSchemaError, SchemaCheckTimeout, schemaChecks } from '../tools/schema-checks';
import { ErrorCode } from '../contract/error-codes';
import { argument } from './bridge-args';
import { executeMcpTool, isMcpToolName, mcpToolList } from '../mcp/mcp-tools';
import { BridgeError, type BridgeHandlers } from './types';

const Name = z.string({ error: 'a tool name string' });
const Schema = z.union([z.boolean(), z.record(z.string(), z.unknown())], { error: 'a JSON Schema table' });

/** Handlers of the `tools` bridge, keyed by method name. */
export const toolsHandlers: BridgeHandlers = {
  /** `tools.builtin_list()` → `[{name, description, parameters}]`: built-in tools, then the run's MCP tools. */
  'tools.builtin_list': async (_args, ctx) => [
    ...builtinTools.list().map(({ name, description, parameters }) => ({ name, description, parameters })),
    ...(await mcpToolList(ctx)),
  ],

  /** `tools.builtin_execute(name, params)` → the tool's result; parameters are validated first. */
  'tools.builtin_execute': async (args, ctx) => {
    const name = argument('tools.builtin_execute', args, 0, 'name', Name);
    if (isMcpToolName(ctx, name)) return executeMcpTool(ctx, name, args[1]);
    try {
      return await executeTool(builtinTools, schemaChecks, name, args[1], ctx);
    } catch (err) {
      throw err instanceof BridgeError ? err : new BridgeError((err as Error).message, 'tool_error');
    }
  },

  /** `tools.validate(schema, value)` → `{valid, errors}`, errors like `/age: must be >= 0`. */
  'tools.validate': async (args, ctx) => {
    const schema = argument('tools.validate', args, 0, 'schema', Schema);
    try {
      // in a worker with a deadline: a spell's pattern never runs on the host's event loop
      return await schemaChecks.check(schema, args[1] ?? null, { signal: ctx.signal });
    } catch (err) {
      if (err instanceof InvalidSchemaError) throw new BridgeError(`tools.validate: ${err.message}`, 'bad_argument');
      if (err instanceof SchemaCheckTimeout) throw new BridgeError(`tools.validate: ${err.message}`, ErrorCode.SchemaTimeout);
      throw err;
    }
  },
};
