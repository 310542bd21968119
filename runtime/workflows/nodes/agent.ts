/**
 * `agent`: a model with tools. It calls built-in tools (and MCP tools, `<server>.<tool>`) as it sees fit (each call is a tool-call event)
 * until it gives its answer, within `max_steps` model calls.
 */
import { builtinAgent } from '../../agents/builtin-agents';
import { executeMcpTool, isMcpToolName, mcpToolSpec } from '../../mcp/mcp-tools';
import { builtinTools } from '../../tools/builtin';
import { executeTool } from '../../tools/execute-tool';
import { toText } from '../expression/functions';
import { renderText } from '../expression/template';
import { agentDescription, type AgentConfig as Config } from '../../contract/workflow-nodes/ai';
import { defineNode } from '../node-types';
import { runAgentLoop } from '../util/agent-loop';
import { validator } from '../util/json-check';


/** The `agent` node type. */
export const agentNode = defineNode<Config>({
  ...agentDescription,
  slot: () => true,
  templates: (c) => [
    ...(c.prompt ? [{ path: ['prompt'], value: c.prompt }] : []),
    ...(c.system_prompt ? [{ path: ['system_prompt'], value: c.system_prompt }] : []),
  ],
  check: (c) =>
    (c.tools ?? []).flatMap((name, i) => (builtinTools.get(name) || name.includes('.') ? [] : [{ path: ['tools', i], message: `unknown tool '${name}' (built-in tools: ${builtinTools.names().join(', ')})` }])),
  async run(ctx) {
    const c = ctx.config;
    const named = c.agent ? builtinAgent(c.agent) : undefined;
    const toolCtx = { signal: ctx.signal, services: ctx.host.services };
    const specs = await Promise.all(
      agentTools(c).map(async (name) => {
        const tool = builtinTools.get(name) ?? (await mcpToolSpec(toolCtx, name));
        if (!tool) throw new Error(`unknown tool '${name}'`);
        return { name, description: tool.description, parameters: tool.parameters };
      }),
    );
    const output = await runAgentLoop({
      llm: ctx.llm,
      input: c.prompt ? renderText(c.prompt, ctx.scope) : toText(ctx.inputs.input),
      system: c.system_prompt ? renderText(c.system_prompt, ctx.scope) : named?.system_prompt,
      tools: specs,
      maxSteps: c.max_steps ?? named?.max_steps ?? 10,
      model: c.model,
      temperature: c.temperature,
      signal: ctx.signal,
      callTool: async (name, args) => {
        ctx.emit({ type: 'tool-call', tool: name, arguments: args });
        try {
          if (!specs.some((s) => s.name === name)) throw new Error(`tool '${name}' is not offered to this agent`);
          const result = isMcpToolName(toolCtx, name) ? await executeMcpTool(toolCtx, name, args) : await executeTool(builtinTools, validator, name, args, toolCtx);
          ctx.emit({ type: 'tool-result', tool: name, ok: true });
          return result;
        } catch (error) {
          ctx.emit({ type: 'tool-result', tool: name, ok: false, error: (error as Error).message });
          throw error;
        }
      },
    });
    return { output };
  },
});

/** The tools the node's agent may call: a named built-in agent's, then the node's own. */
function agentTools(c: Config): string[] {
  const own = (c.agent ? builtinAgent(c.agent)?.tools : undefined) ?? [];
  return [...new Set([...own, ...(c.tools ?? [])])];
}
