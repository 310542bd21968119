/**
 * An LLM agent of a Tengo spell (`agents.create`): one turn is the input in, the provider's
 * function-calling loop over the agent's tools, the final answer out; the conversation is kept across
 * turns and a turn stops at max_steps. The steps are the shared ones of runtime/agents/agent-step (the
 * workflow agent node drives them too); tool calls and results are reported as run events by tools.execute.
 */
import { abandonTurn, agentRequest, beginTurn, parseArguments, recordToolResult, takeReply, type AgentMessage, type AgentReply, type AgentToolCall } from '../../../agents/agent-step';
import type { LlmToolSpec } from '../../../llm/types';
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

/** The agent as a Tengo value, and `addTool` for agents.create. */
export function llmAgent(kit: Kit, tools: ToolAccess, settings: AgentSettings): { value: ImmutableMap; addTool: (tool: Value) => Value } {
  let systemPrompt = settings.systemPrompt;
  const toolNames: string[] = [];
  let memory: AgentMessage[] = [];

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
    beginTurn(memory, toText(input));
    const specs = toolNames.map((n) => tools.spec(n)).filter((s) => s !== undefined) as unknown as LlmToolSpec[];
    const model = opts?.get('model');
    const temperature = opts?.get('temperature');
    const ask = {
      system: systemPrompt,
      model: typeof model === 'string' ? model : settings.model,
      temperature: temperature instanceof TFloat ? temperature.v : typeof temperature === 'number' ? temperature : settings.temperature,
      tools: specs,
    };
    for (let step = 0; step < settings.maxSteps; step++) {
      const request = agentRequest(memory, ask);
      const reply = isCallable(emit)
        ? kit.host.call('llm.tool_stream', [request], (chunk) => {
            kit.m.call(emit, [fromJs(chunk)]);
            return undefined;
          })
        : kit.host.call('llm.tool_chat', [request]);
      if (!reply.ok) {
        abandonTurn(memory);
        return fail(reply.error);
      }
      const next = takeReply(memory, (reply.value ?? {}) as AgentReply);
      if (next.kind === 'answer') return next.content;
      for (const call of next.calls) runTool(tools, memory, call);
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

/** Runs one tool call of the model and records its outcome (its value, or `{"error": ...}`) for the model. */
function runTool(tools: ToolAccess, memory: AgentMessage[], call: AgentToolCall): void {
  const args = parseArguments(call);
  if (!args.ok) return recordToolResult(memory, call, { error: args.error });
  const value = tools.execute(call.name, fromJs(args.params));
  if (value instanceof TError) return recordToolResult(memory, call, { error: toText(value.value) });
  let plain: unknown;
  try {
    plain = toJs(value);
  } catch {
    plain = toText(value);
  }
  recordToolResult(memory, call, { value: plain });
}
