/**
 * The function-calling loop of an agent node: the host's one agent loop (runtime/agents/agent-loop,
 * which Lua's and JavaScript's agents run too) over the workflow's LLM service and the node's tools.
 */
import { runAgentTurn } from '../../agents/agent-loop';
import type { AgentMessage } from '../../agents/agent-step';
import type { LlmToolSpec } from '../../llm/types';
import type { WorkflowLlm } from '../host';

/** One agent run. */
export interface AgentRun {
  llm: WorkflowLlm;
  input: string;
  system?: string;
  tools: LlmToolSpec[];
  maxSteps: number;
  model?: string;
  temperature?: number;
  /** Runs a tool the model called; a thrown error goes back to the model as `{error}`. */
  callTool(name: string, args: unknown): Promise<unknown>;
  /** The node's cancellation: ends the loop between steps. */
  signal?: AbortSignal;
}

/** Resolves with the final answer; throws when the steps run out. */
export async function runAgentLoop(run: AgentRun): Promise<string> {
  const memory: AgentMessage[] = [];
  const settings = { system: run.system, model: run.model, temperature: run.temperature, tools: run.tools, maxSteps: run.maxSteps };
  const end = await runAgentTurn(memory, run.input, settings, {
    ...(run.signal ? { signal: run.signal } : {}),
    chat: (request) => run.llm.chat(request),
    runTool: async (call, params) => {
      try {
        return { value: await run.callTool(call.name, params) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    },
  });
  if (end.kind === 'answer') return end.content;
  throw new Error(`the agent made ${run.maxSteps} model calls without a final answer (raise max_steps?)`);
}
