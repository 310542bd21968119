/** `llm`, `agent` and `tool`: model calls and tools. */
import { z } from 'zod';
import { describeNode } from './describe';
import { bool, help, integer, jsonSchema, mapping, number, oneOf, schemaType, template, text } from './fields';

/** The built-in agents (their definitions are the host's, runtime/agents/builtin-agents.ts) an agent node may name. */
export const BUILTIN_AGENT_NAMES = ['researcher', 'summarizer', 'json_extractor'] as const;
export type BuiltinAgentName = (typeof BUILTIN_AGENT_NAMES)[number];

const LlmConfig = z.strictObject(
  {
    prompt: help(template(), 'What to ask; {{name}} reads an input port or a workflow input.'),
    system: help(template(), 'Instructions for the model, before the prompt.').optional(),
    model: help(text('a model name').min(1), "The model; the provider's default when empty.").optional(),
    temperature: help(number(0, 2), 'Randomness, 0 to 2.').optional(),
    max_tokens: help(integer(1, 1_000_000), 'The longest answer, in tokens.').optional(),
    schema: help(jsonSchema(), 'JSON schema of the answer: the output is the parsed, checked object.').optional(),
    stream: help(bool(), 'Stream the answer as tokens (default true; answers with a schema are never streamed).').optional(),
  },
  { error: 'a mapping with a prompt' },
);
export type LlmConfig = z.infer<typeof LlmConfig>;

/** The `llm` node type. */
export const llmDescription = describeNode<LlmConfig>({
  type: 'llm',
  title: 'LLM',
  description: 'Asks the model: the prompt is a template over the inputs ({{name}}); optionally a JSON answer checked against a schema.',
  category: 'ai',
  config: LlmConfig,
  starter: { prompt: '{{input}}' },
  inputs: () => [],
  openInputs: true,
  outputs: (c) => [{ name: 'output', type: c.schema ? schemaType(c.schema, 'any') : 'string', description: 'the answer' }],
});

const AgentConfig = z.strictObject(
  {
    agent: help(
      oneOf(BUILTIN_AGENT_NAMES, `a built-in agent: ${BUILTIN_AGENT_NAMES.join(', ')}`),
      "A built-in agent to run: its instructions, tools and max_steps, unless this node sets them (this node's tools are added to its own).",
    ).optional(),
    prompt: help(template(), 'The task; default: the input value.').optional(),
    system_prompt: help(template(), 'Instructions for the agent.').optional(),
    tools: help(z.array(text('a tool name'), { error: 'a list of tool names' }), 'Built-in tools the agent may call.').optional(),
    max_steps: help(integer(1, 100), 'Most model turns (default 10).').optional(),
    model: help(text('a model name').min(1), "The model; the provider's default when empty.").optional(),
    temperature: help(number(0, 2), 'Randomness, 0 to 2.').optional(),
  },
  { error: 'a mapping {agent, prompt, system_prompt, tools, max_steps}' },
);
export type AgentConfig = z.infer<typeof AgentConfig>;

/** The `agent` node type. */
export const agentDescription = describeNode<AgentConfig>({
  type: 'agent',
  title: 'Agent',
  description: 'A model that may call built-in tools until it answers (or a built-in agent: researcher, summarizer, json_extractor); the output is its final answer.',
  category: 'ai',
  config: AgentConfig,
  starter: { prompt: '{{input}}', tools: [] },
  inputs: () => [{ name: 'input', type: 'any', description: 'the task, when there is no prompt' }],
  openInputs: true,
  outputs: () => [{ name: 'output', type: 'string', description: "the agent's answer" }],
});

const ToolConfig = z.strictObject(
  {
    tool: help(text('a tool name').min(1, { error: 'a tool name' }), 'The built-in tool to run.'),
    params: help(mapping('a mapping of parameters'), 'Parameters; strings may hold {{ }} templates, and "{{name}}" alone passes the value itself.').optional(),
  },
  { error: 'a mapping with a tool name' },
);
export type ToolConfig = z.infer<typeof ToolConfig>;

/** The `tool` node type. */
export const toolDescription = describeNode<ToolConfig>({
  type: 'tool',
  title: 'Tool',
  description: 'Runs a built-in tool with parameters built from the inputs; the output is its result.',
  category: 'ai',
  config: ToolConfig,
  starter: { tool: 'calculator', params: {} },
  inputs: () => [{ name: 'params', type: 'object', description: 'parameters merged over the configured ones' }],
  openInputs: true,
  outputs: () => [{ name: 'output', type: 'any', description: "the tool's result" }],
});
