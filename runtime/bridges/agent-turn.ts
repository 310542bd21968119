/**
 * `agents.turn`: one turn of a Lua, JavaScript or Tengo LLM agent, run by the host's one agent loop
 * (runtime/agents/agent-loop). The engine keeps the agent (its settings and conversation, which a spell
 * may read, save and load) and sends them with each turn; the host asks the model through the run's
 * own `llm.tool_chat` / `llm.tool_stream` handlers and runs built-in and MCP tools through
 * `tools.builtin_execute`, so the permission guard, the LLM budget and the rate limits apply exactly
 * as when the spell calls them. A tool the spell defined (a Lua, JS or Tengo function, an agent used
 * as a tool) and a hand-off run in the engine: the host sends a request as an event of this call
 * (`{request, tool, arguments}` or `{request, handoff, input}`) and the engine answers it with
 * `agents.tool_result(request, outcome)`. Streamed answer text arrives as string events. Cancelling
 * the call (a stream stopped by its callback, the run's stop or timeout) ends the loop on the host.
 */
import { z } from 'zod';
import { runAgentTurn, type AgentTurnEnd } from '../agents/agent-loop';
import type { AgentMessage, AgentReply, ToolOutcome } from '../agents/agent-step';
import type { LlmToolSpec } from '../llm/types';
import { scrubHostPaths } from '../security/scrub-paths';
import { argument } from './bridge-args';
import { BridgeError, type BridgeCallContext, type BridgeHandlers } from './types';

/** The tool name prefix of a hand-off to another agent (`handoff_to_billing`). */
export const HANDOFF_PREFIX = 'handoff_to_';

/** A list: a Lua spell's empty table arrives as `{}`. */
function list<T extends z.ZodType>(item: T) {
  const empty = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
  return z.preprocess((v) => (v === undefined || v === null || empty(v) ? [] : v), z.array(item, { error: 'a list' }));
}

const TurnRequest = z.strictObject({
  name: z.string({ error: 'a string' }).min(1),
  input: z.string({ error: 'a string' }),
  // Checked by llm.tool_chat like every model request (its messages), with the same messages.
  memory: list(z.unknown()),
  system: z.string().nullish(),
  model: z.string().nullish(),
  temperature: z.number().nullish(),
  max_steps: z.number({ error: 'a positive integer' }).int().min(1),
  /** The tools offered: `spell` ones run in the engine, the rest (built-in, MCP) on the host. */
  tools: list(z.looseObject({ name: z.string({ error: 'a string' }), spell: z.boolean().optional() })),
  /** Agents this one may hand the turn to; `about` is shown to the model. */
  handoffs: list(z.strictObject({ name: z.string().min(1), about: z.string().optional() })),
  stream: z.boolean().optional(),
});

const Outcome = z.union([z.strictObject({ content: z.string() }), z.strictObject({ error: z.string() }), z.strictObject({ answer: z.string() })], {
  error: 'a table with content, error or answer',
});
type Outcome = z.output<typeof Outcome>;

/** Requests waiting for the engine's answer, per run (keyed by the run's services object). */
interface Pending {
  next: number;
  waiting: Map<number, (outcome: Outcome) => void>;
}
const pendingByRun = new WeakMap<object, Pending>();

/** Asks the engine to run something and waits for its `agents.tool_result`; rejects when the call is cancelled. */
function askEngine(ctx: BridgeCallContext, request: Record<string, unknown>): Promise<Outcome> {
  let pending = pendingByRun.get(ctx.services);
  if (!pending) pendingByRun.set(ctx.services, (pending = { next: 1, waiting: new Map() }));
  const table = pending;
  const id = table.next++;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      table.waiting.delete(id);
      reject(new Error('cancelled'));
    };
    if (ctx.signal.aborted) return onAbort();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    table.waiting.set(id, (outcome) => {
      ctx.signal.removeEventListener('abort', onAbort);
      table.waiting.delete(id);
      resolve(outcome);
    });
    ctx.emit({ request: id, ...request });
  });
}

/** The tool the model sees for handing the turn to `name`. */
function handoffSpec(name: string, about: string | undefined): LlmToolSpec {
  return {
    name: HANDOFF_PREFIX + name,
    description: `Hand this conversation to the agent '${name}'${about ? ` (${about})` : ''}; its answer becomes yours.`,
    parameters: { type: 'object', properties: { input: { type: 'string', description: "What to ask it (default: the user's request)" } } },
  };
}

/** A failure's message as the spell sees it (never a host path) and its code. */
function failure(error: unknown): { message: string; code: string } {
  const message = scrubHostPaths(error instanceof Error ? error.message : String(error));
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return { message, code: typeof code === 'string' ? code : 'bridge_error' };
}

/** Runs a built-in or MCP tool on the host, reported like the engine's tools.execute reports it. */
async function hostTool(ctx: BridgeCallContext, call: NonNullable<BridgeCallContext['call']>, name: string, params: unknown): Promise<ToolOutcome> {
  const args = params ?? {};
  ctx.event?.({ type: 'tool-call', runId: ctx.runId, tool: name, arguments: args });
  try {
    const value = await call('tools.builtin_execute', [name, args]);
    ctx.event?.({ type: 'tool-result', runId: ctx.runId, tool: name, ok: true, result: value ?? null });
    return { value };
  } catch (error) {
    const { message } = failure(error);
    ctx.event?.({ type: 'tool-result', runId: ctx.runId, tool: name, ok: false, result: null, error: message });
    return { error: message };
  }
}

/** The turn's answer to the engine: the conversation as it now is, and the answer or the failure. */
function reply(name: string, maxSteps: number, memory: AgentMessage[], end: AgentTurnEnd): Record<string, unknown> {
  switch (end.kind) {
    case 'answer':
      return { memory, answer: end.content };
    case 'handoff':
      return { memory, answer: end.content, handoff: end.target };
    case 'handoff_failed':
      return { memory, error: `agent '${name}': hand-off to '${end.target}' failed: ${end.error}`, code: 'agent_handoff' };
    case 'max_steps':
      return { memory, error: `agent '${name}' stopped after ${maxSteps} steps without a final answer`, code: 'agent_max_steps' };
  }
}

/** Handlers of `agents.turn` and `agents.tool_result`. */
export const agentTurnHandlers: BridgeHandlers = {
  /**
   * `agents.turn(request)` → `{memory, answer}` or `{memory, error, code}`: one turn of the agent the
   * request describes, over its conversation `memory` (returned extended with this turn).
   */
  'agents.turn': async (args, ctx) => {
    const r = argument('agents.turn', args, 0, 'request', TurnRequest);
    const call = ctx.call;
    if (!call) throw new BridgeError('agents.turn: only an engine run can run an agent turn', 'bad_argument');
    const memory = r.memory as AgentMessage[];
    const offered = new Map(r.tools.map((t) => [t.name, t]));
    const handoffs = new Set(r.handoffs.map((h) => h.name));
    // The spec the model sees: exactly the fields the engine gave (llm.tool_chat checks them).
    const specs = r.tools.map(({ spell: _spell, ...spec }) => spec as unknown as LlmToolSpec);
    const tools = [...specs, ...r.handoffs.map((h) => handoffSpec(h.name, h.about))];
    const settings = { system: r.system ?? undefined, model: r.model ?? undefined, temperature: r.temperature ?? undefined, tools, maxSteps: r.max_steps };
    let end: AgentTurnEnd;
    try {
      end = await runAgentTurn(memory, r.input, settings, {
        signal: ctx.signal,
        chat: async (request) => (await call(r.stream ? 'llm.tool_stream' : 'llm.tool_chat', [request], (chunk) => typeof chunk === 'string' && ctx.emit(chunk))) as AgentReply,
        runTool: async (toolCall, params) => {
          if (offered.get(toolCall.name)?.spell === false) return hostTool(ctx, call, toolCall.name, params);
          // A spell's own tool, or a name the agent was not given: the engine's tools.execute answers.
          const outcome = await askEngine(ctx, { tool: toolCall.name, arguments: params ?? {} });
          return 'answer' in outcome ? { value: outcome.answer } : outcome;
        },
        handoffTarget: (toolCall) => {
          const target = toolCall.name.startsWith(HANDOFF_PREFIX) ? toolCall.name.slice(HANDOFF_PREFIX.length) : undefined;
          return target !== undefined && handoffs.has(target) ? target : undefined;
        },
        handOff: async (target, params) => {
          const input = typeof params === 'object' && params !== null ? (params as { input?: unknown }).input : undefined;
          const outcome = await askEngine(ctx, { handoff: target, ...(typeof input === 'string' && input !== '' ? { input } : {}) });
          if ('error' in outcome) return { error: outcome.error };
          return { answer: 'answer' in outcome ? outcome.answer : outcome.content };
        },
      });
    } catch (error) {
      if (ctx.signal.aborted) throw error; // cancelled: nobody waits for an answer
      const { message, code } = failure(error);
      return { memory, error: `agent '${r.name}': ${message}`, code };
    }
    return reply(r.name, r.max_steps, memory, end);
  },

  /** `agents.tool_result(request, outcome)`: the engine's answer to a tool or hand-off request; false when nobody waits for it any more. */
  'agents.tool_result': async (args, ctx) => {
    const id = argument('agents.tool_result', args, 0, 'request', z.number({ error: 'a request number' }).int());
    const outcome = argument('agents.tool_result', args, 1, 'outcome', Outcome);
    const resolve = pendingByRun.get(ctx.services)?.waiting.get(id);
    if (!resolve) return false; // the turn ended (cancelled, or the run stopped) while the tool ran
    resolve(outcome);
    return true;
  },
};
