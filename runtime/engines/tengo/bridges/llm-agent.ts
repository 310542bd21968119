/**
 * An LLM agent of a Tengo spell (`agents.create`): one turn is the input in, the provider's
 * function-calling loop over the agent's tools, the final answer out; the conversation is kept across
 * turns and a turn stops at max_steps. The loop mirrors Lua's agents.lua; tool calls and results are
 * reported as run events by tools.execute.
 */
import { fromJs, toJs } from '../interop';
import { toText } from '../to-string';
import { ImmutableMap, isCallable, mapEntries, newArray, TBuiltin, TError, TFloat, type Value } from '../values';
import type { ToolAccess } from './agents';
import type { Kit } from './kit';

export interface AgentSettings {
  name: string;
  maxSteps: number;
  model?: string | undefined;
  temperature?: number | undefined;
  systemPrompt?: string | undefined;
}

interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

interface Message {
  role: string;
  content: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
}

/** The agent as a Tengo value, and `addTool` for agents.create. */
export function llmAgent(kit: Kit, tools: ToolAccess, settings: AgentSettings): { value: ImmutableMap; addTool: (tool: Value) => Value } {
  let systemPrompt = settings.systemPrompt;
  const toolNames: string[] = [];
  let memory: Message[] = [];

  const addTool = (tool: Value): Value => {
    if (typeof tool !== 'string') return new TError(`unknown tool '${toText(tool)}'`);
    if (toolNames.includes(tool)) return true;
    if (!tools.spec(tool)) return new TError(`unknown tool '${tool}'`);
    toolNames.push(tool);
    return true;
  };

  const fail = (message: string) => new TError(`agent '${settings.name}': ${message}`);

  /** One turn; `emit` (a Tengo function) gets text chunks as they arrive. */
  const run = (input: Value, options: Value, emit?: Value): Value => {
    const opts = mapEntries(options);
    memory.push({ role: 'user', content: toText(input) });
    const specs = toolNames.map((n) => tools.spec(n)).filter((s) => s !== undefined);
    const model = opts?.get('model');
    const temperature = opts?.get('temperature');
    for (let step = 0; step < settings.maxSteps; step++) {
      const request: Record<string, unknown> = { messages: memory };
      if (systemPrompt !== undefined) request.system = systemPrompt;
      const m = typeof model === 'string' ? model : settings.model;
      if (m !== undefined) request.model = m;
      const t = temperature instanceof TFloat ? temperature.v : typeof temperature === 'number' ? temperature : settings.temperature;
      if (t !== undefined) request.temperature = t;
      if (specs.length > 0) request.tools = specs;
      const reply = isCallable(emit)
        ? kit.host.call('llm.tool_stream', [request], (chunk) => {
            kit.m.call(emit, [fromJs(chunk)]);
            return undefined;
          })
        : kit.host.call('llm.tool_chat', [request]);
      if (!reply.ok) {
        memory.pop(); // forget the unanswered input
        return fail(reply.error);
      }
      const result = (reply.value ?? {}) as { content?: string | null; toolCalls?: ToolCall[] };
      const calls = result.toolCalls ?? [];
      if (calls.length === 0) {
        memory.push({ role: 'assistant', content: result.content ?? '' });
        return result.content ?? '';
      }
      memory.push({ role: 'assistant', content: result.content ?? '', tool_calls: calls });
      for (const call of calls) memory.push({ role: 'tool', tool_call_id: call.id, content: runTool(tools, call) });
    }
    return fail(`stopped after ${settings.maxSteps} steps without a final answer`);
  };

  const fns: Record<string, (args: Value[]) => Value> = {
    run: ([input, options]) => run(input, options),
    execute: ([input, options]) => run(input, options),
    stream: ([input, options, emit]) => run(input, options, emit),
    get_system_prompt: () => systemPrompt,
    set_system_prompt: ([prompt]) => {
      systemPrompt = typeof prompt === 'string' ? prompt : undefined;
      return undefined;
    },
    get_tools: () => newArray([...toolNames]),
    add_tool: ([tool]) => addTool(tool),
    clear_memory: () => {
      memory = [];
      return undefined;
    },
  };
  const map = new Map<string, Value>([['name', settings.name]]);
  for (const [k, f] of Object.entries(fns)) map.set(k, new TBuiltin(`${settings.name}.${k}`, f));
  return { value: new ImmutableMap(map), addTool };
}

/** Runs one tool call of the model; the content of the tool message (JSON, or `{"error": ...}`). */
function runTool(tools: ToolAccess, call: ToolCall): string {
  let params: unknown;
  try {
    params = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
  } catch (e) {
    return JSON.stringify({ error: `arguments are not valid JSON: ${(e as Error).message}` });
  }
  const value = tools.execute(call.name, fromJs(params));
  if (value instanceof TError) return JSON.stringify({ error: toText(value.value) });
  try {
    return JSON.stringify(toJs(value)) ?? 'null';
  } catch {
    return toText(value);
  }
}
