/**
 * `tool`: runs a built-in tool (calculator, hash, web_fetch, ...) in the host with the run's storage
 * jail and network policy, or an MCP server's tool (`<server>.<tool>`). Parameters are a structured
 * template; a `params` input is merged over them.
 */
import { executeMcpTool, isMcpToolName } from '../../mcp/mcp-tools';
import { builtinTools } from '../../tools/builtin';
import { executeTool } from '../../tools/execute-tool';
import { renderDeep } from '../expression/template';
import { toolDescription, type ToolConfig as Config } from '../../contract/workflow-nodes/ai';
import { defineNode } from '../node-types';
import { validator } from '../util/json-check';


/** The `tool` node type. */
export const toolNode = defineNode<Config>({
  ...toolDescription,
  slot: () => true,
  templates: (c) => (c.params ? [{ path: ['params'], value: c.params }] : []),
  // A dotted name is an MCP server's tool: which servers exist is known only when the workflow runs.
  check: (c) => (builtinTools.get(c.tool) || c.tool.includes('.') ? [] : [{ path: ['tool'], message: `unknown tool '${c.tool}' (built-in tools: ${builtinTools.names().join(', ')})` }]),
  async run(ctx) {
    const { tool } = ctx.config;
    const given = ctx.inputs.params;
    const params = { ...(renderDeep(ctx.config.params ?? {}, ctx.scope) as Record<string, unknown>), ...(given && typeof given === 'object' ? given : {}) };
    ctx.emit({ type: 'tool-call', tool, arguments: params });
    try {
      const toolCtx = { signal: ctx.signal, services: ctx.host.services };
      const output = isMcpToolName(toolCtx, tool) ? await executeMcpTool(toolCtx, tool, params) : await executeTool(builtinTools, validator, tool, params, toolCtx);
      ctx.emit({ type: 'tool-result', tool, ok: true });
      return { output };
    } catch (error) {
      ctx.emit({ type: 'tool-result', tool, ok: false, error: (error as Error).message });
      throw error;
    }
  },
});
