/**
 * `tool`: runs a built-in tool (calculator, hash, web_fetch, ...) in the host with the run's storage
 * jail and network policy. Parameters are a structured template; a `params` input is merged over them.
 */
import { z } from 'zod';
import { builtinTools } from '../../tools/builtin';
import { executeTool } from '../../tools/execute-tool';
import { renderDeep } from '../expression/template';
import { defineNode } from '../node-types';
import { validator } from '../util/json-check';
import { text } from './fields';

const Config = z.strictObject(
  {
    tool: text('a tool name').min(1, { error: 'a tool name' }),
    /** Parameters; strings may hold {{ }} templates, and "{{name}}" alone passes the value itself. */
    params: z.record(z.string(), z.unknown(), { error: 'a mapping of parameters' }).optional(),
  },
  { error: 'a mapping with a tool name' },
);
type Config = z.infer<typeof Config>;

/** The `tool` node type. */
export const toolNode = defineNode<Config>({
  type: 'tool',
  title: 'Tool',
  description: 'Runs a built-in tool with parameters built from the inputs; the output is its result.',
  category: 'ai',
  config: Config,
  inputs: () => [{ name: 'params', type: 'object', description: 'parameters merged over the configured ones' }],
  openInputs: true,
  outputs: () => [{ name: 'output', type: 'any', description: "the tool's result" }],
  slot: () => true,
  templates: (c) => (c.params ? [{ path: ['params'], value: c.params }] : []),
  check: (c) => (builtinTools.get(c.tool) ? [] : [{ path: ['tool'], message: `unknown tool '${c.tool}' (built-in tools: ${builtinTools.names().join(', ')})` }]),
  async run(ctx) {
    const { tool } = ctx.config;
    const given = ctx.inputs.params;
    const params = { ...(renderDeep(ctx.config.params ?? {}, ctx.scope) as Record<string, unknown>), ...(given && typeof given === 'object' ? given : {}) };
    ctx.emit({ type: 'tool-call', tool, arguments: params });
    try {
      const output = await executeTool(builtinTools, validator, tool, params, { signal: ctx.signal, services: ctx.host.services });
      ctx.emit({ type: 'tool-result', tool, ok: true });
      return { output };
    } catch (error) {
      ctx.emit({ type: 'tool-result', tool, ok: false, error: (error as Error).message });
      throw error;
    }
  },
});
