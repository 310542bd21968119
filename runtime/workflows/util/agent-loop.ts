/**
 * The function-calling loop of an agent node, in the host: ask the model with the tools offered, run
 * the tools it calls, hand the results back, until it answers or `maxSteps` model calls are spent.
 * The steps themselves are the shared ones of runtime/agents/agent-step (Tengo's agents use them too).
 */
import { agentRequest, beginTurn, parseArguments, recordToolResult, takeReply, type AgentMessage } from '../../agents/agent-step';
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
}

/** Resolves with the final answer; throws when the steps run out. */
export async function runAgentLoop(run: AgentRun): Promise<string> {
  const memory: AgentMessage[] = [];
  beginTurn(memory, run.input);
  const settings = { system: run.system, model: run.model, temperature: run.temperature, tools: run.tools };
  for (let step = 1; step <= run.maxSteps; step++) {
    const next = takeReply(memory, await run.llm.chat(agentRequest(memory, settings)));
    if (next.kind === 'answer') return next.content;
    for (const call of next.calls) {
      const args = parseArguments(call);
      if (!args.ok) {
        recordToolResult(memory, call, { error: args.error });
        continue;
      }
      try {
        recordToolResult(memory, call, { value: await run.callTool(call.name, args.params) });
      } catch (error) {
        recordToolResult(memory, call, { error: (error as Error).message });
      }
    }
  }
  throw new Error(`the agent made ${run.maxSteps} model calls without a final answer (raise max_steps?)`);
}
