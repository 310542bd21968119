/**
 * An LLM agent of a Tengo spell (`agents.create`): one turn is the input in, the provider's
 * function-calling loop over the agent's tools, the final answer out; the conversation is kept across
 * turns and a turn stops at max_steps. The loop is the host's (`agents.turn`, the same as Lua's,
 * JavaScript's and workflow agent nodes'): it runs built-in tools itself and asks this engine, as an
 * event of the call, to run the tools the spell defined (answered with `agents.tool_result`).
 */
import type { AgentMessage } from '../../../agents/agent-step';
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

  /** Runs a tool the host's loop asks for and answers it; its value goes back as JSON text. */
  const serve = (request: number, name: unknown, params: unknown): void => {
    const value = tools.execute(String(name), fromJs(params ?? {}));
    let outcome: { content: string } | { error: string };
    if (value instanceof TError) outcome = { error: toText(value.value) };
    else {
      let plain: unknown;
      try {
        plain = toJs(value);
      } catch {
        plain = toText(value);
      }
      let content: string;
      try {
        content = JSON.stringify(plain ?? null) ?? 'null';
      } catch {
        content = String(plain);
      }
      outcome = { content };
    }
    kit.host.call('agents.tool_result', [request, outcome]);
  };

  /** One turn; `emit` (a Tengo function) gets text chunks as they arrive. */
  const run = (input: Value, options: Value, emit?: Value): Value => {
    const opts = mapEntries(options);
    const specs = toolNames.flatMap((n) => {
      const spec = tools.spec(n);
      return spec ? [{ ...spec, spell: tools.isSpell(n) }] : [];
    });
    const model = opts?.get('model');
    const temperature = opts?.get('temperature');
    const request = {
      name: settings.name,
      input: toText(input),
      memory,
      system: systemPrompt,
      model: typeof model === 'string' ? model : settings.model,
      temperature: temperature instanceof TFloat ? temperature.v : typeof temperature === 'number' ? temperature : settings.temperature,
      max_steps: settings.maxSteps,
      tools: specs,
      handoffs: [],
      stream: isCallable(emit),
    };
    const reply = kit.host.call('agents.turn', [request], (event) => {
      if (typeof event === 'string') {
        if (isCallable(emit)) kit.m.call(emit, [fromJs(event)]);
      } else if (typeof event === 'object' && event !== null && typeof (event as { request?: unknown }).request === 'number') {
        const e = event as { request: number; tool?: unknown; arguments?: unknown };
        serve(e.request, e.tool, e.arguments);
      }
      return undefined;
    });
    if (!reply.ok) return fail(reply.error);
    const turn = (reply.value ?? {}) as { memory?: AgentMessage[]; answer?: string; error?: string; code?: string };
    memory = turn.memory ?? [];
    if (turn.code === 'agent_max_steps') return fail(`stopped after ${settings.maxSteps} steps without a final answer`);
    if (turn.error !== undefined) return new TError(turn.error);
    return turn.answer ?? '';
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
