/**
 * The function-calling loop of an agent node, in the host: ask the model with the tools offered, run
 * the tools it calls, hand the results back, until it answers or `maxSteps` model calls are spent.
 */
import type { LlmMessage, LlmToolSpec } from '../../llm/types';
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
  const messages: LlmMessage[] = [{ role: 'user', content: run.input }];
  for (let step = 1; step <= run.maxSteps; step++) {
    const result = await run.llm.chat({
      messages,
      system: run.system,
      model: run.model,
      temperature: run.temperature,
      ...(run.tools.length > 0 ? { tools: run.tools } : {}),
    });
    if (result.toolCalls.length === 0) return result.content;
    messages.push({ role: 'assistant', content: result.content, tool_calls: result.toolCalls });
    for (const call of result.toolCalls) {
      let content: string;
      try {
        const args: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
        content = JSON.stringify((await run.callTool(call.name, args)) ?? null);
      } catch (error) {
        content = JSON.stringify({ error: (error as Error).message });
      }
      messages.push({ role: 'tool', tool_call_id: call.id, content });
    }
  }
  throw new Error(`the agent made ${run.maxSteps} model calls without a final answer (raise max_steps?)`);
}
