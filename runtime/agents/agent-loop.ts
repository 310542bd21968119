/**
 * The agent loop, once, on the host: the user's input joins the conversation, the model is asked with
 * the tools offered, the tools it calls run and their results go back, until it answers, hands the
 * turn to another agent, or `maxSteps` model calls are spent. Lua's, JavaScript's and Tengo's agents
 * (through the `agents.turn` bridge) and the workflow `agent` node all run this function; only the I/O differs
 * (which bridge asks the model, where a tool runs), so their conversations are the same.
 */
import type { LlmRequest } from '../llm/types';
import {
  abandonTurn,
  agentRequest,
  beginTurn,
  parseArguments,
  recordToolResult,
  takeReply,
  type AgentMessage,
  type AgentReply,
  type AgentRequestSettings,
  type AgentToolCall,
  type ToolOutcome,
} from './agent-step';

/** The I/O of one turn. */
export interface AgentTurnIo {
  /** Ends the loop between steps (the run stopped, timed out, or the caller cancelled). */
  signal?: AbortSignal;
  /** Asks the model; a rejection fails the turn (the unanswered input leaves the conversation). */
  chat(request: LlmRequest): Promise<AgentReply>;
  /** Runs one tool the model called, with its parsed arguments; a failure is an `{error}` outcome. */
  runTool(call: AgentToolCall, params: unknown): Promise<ToolOutcome>;
  /** The agent a call hands the turn to, when the call is a hand-off (absent: none are). */
  handoffTarget?(call: AgentToolCall): string | undefined;
  /** Runs the hand-off: the target's answer, or why it failed. */
  handOff?(target: string, params: unknown): Promise<{ answer: string } | { error: string }>;
}

/** How a turn ended. */
export type AgentTurnEnd =
  | { kind: 'answer'; content: string }
  | { kind: 'handoff'; target: string; content: string }
  | { kind: 'handoff_failed'; target: string; error: string }
  | { kind: 'max_steps' };

/** One turn over `memory` (which it extends); rejects when the model call fails or the signal aborts. */
export async function runAgentTurn(memory: AgentMessage[], input: string, settings: AgentRequestSettings & { maxSteps: number }, io: AgentTurnIo): Promise<AgentTurnEnd> {
  beginTurn(memory, input);
  for (let step = 1; step <= settings.maxSteps; step++) {
    io.signal?.throwIfAborted();
    let reply: AgentReply;
    try {
      reply = await io.chat(agentRequest(memory, settings));
    } catch (error) {
      abandonTurn(memory);
      throw error;
    }
    const next = takeReply(memory, reply);
    if (next.kind === 'answer') return { kind: 'answer', content: next.content };
    for (const call of next.calls) {
      io.signal?.throwIfAborted();
      const args = parseArguments(call);
      const target = args.ok ? io.handoffTarget?.(call) : undefined;
      if (target !== undefined && args.ok && io.handOff) {
        const handed = await io.handOff(target, args.params);
        if ('error' in handed) return { kind: 'handoff_failed', target, error: handed.error };
        // The target's answer ends this agent's turn, as this agent's own answer.
        recordToolResult(memory, call, { value: { handed_off_to: target } });
        memory.push({ role: 'assistant', content: handed.answer });
        return { kind: 'handoff', target, content: handed.answer };
      }
      recordToolResult(memory, call, args.ok ? await io.runTool(call, args.params) : { error: args.error });
    }
  }
  return { kind: 'max_steps' };
}
