/**
 * One step of an agent's function-calling loop, as pure functions: build the model request, record
 * the model's reply in the conversation, parse the arguments of the tools it called, and record each
 * tool's outcome. The one agent loop (agent-loop.ts), which serves Lua's, JavaScript's and Tengo's
 * agents and the workflow `agent` node, drives them.
 */
import type { LlmMessage, LlmRequest, LlmToolCall, LlmToolSpec } from '../llm/types';

/** A tool call the model made. */
export type AgentToolCall = LlmToolCall;

/** A message of an agent's conversation (the shape `llm.tool_chat` takes). */
export type AgentMessage = LlmMessage;

/** The model's reply, as `llm.tool_chat` / the provider returns it. */
export interface AgentReply {
  content?: string | null;
  toolCalls?: AgentToolCall[];
}

/** The agent's settings for one model call; unset fields are left out of the request. */
export interface AgentRequestSettings {
  system?: string | undefined;
  model?: string | undefined;
  temperature?: number | undefined;
  tools: LlmToolSpec[];
}

/** What to do after a reply: it was the answer, or these tools are to be run. */
export type AgentStep = { kind: 'answer'; content: string } | { kind: 'tools'; calls: AgentToolCall[] };

/** A tool call's parsed arguments, or why they could not be parsed (sent back to the model). */
export type ParsedArguments = { ok: true; params: unknown } | { ok: false; error: string };

/** Starts a turn: the user's input joins the conversation. */
export function beginTurn(memory: AgentMessage[], input: string): void {
  memory.push({ role: 'user', content: input });
}

/** The request of the next model call over `memory`. */
export function agentRequest(memory: AgentMessage[], s: AgentRequestSettings): LlmRequest {
  const request: LlmRequest = { messages: memory };
  if (s.system !== undefined) request.system = s.system;
  if (s.model !== undefined) request.model = s.model;
  if (s.temperature !== undefined) request.temperature = s.temperature;
  if (s.tools.length > 0) request.tools = s.tools;
  return request;
}

/** A failed model call: the unanswered input leaves the conversation, so a retry starts clean. */
export function abandonTurn(memory: AgentMessage[]): void {
  memory.pop();
}

/** Records the model's reply and says whether it answered or called tools. */
export function takeReply(memory: AgentMessage[], reply: AgentReply): AgentStep {
  const content = reply.content ?? '';
  const calls = reply.toolCalls ?? [];
  if (calls.length === 0) {
    memory.push({ role: 'assistant', content });
    return { kind: 'answer', content };
  }
  memory.push({ role: 'assistant', content, tool_calls: calls });
  return { kind: 'tools', calls };
}

/** Parses a tool call's arguments (empty means `{}`). */
export function parseArguments(call: AgentToolCall): ParsedArguments {
  const text = call.arguments.trim();
  try {
    return { ok: true, params: text === '' ? {} : (JSON.parse(text) as unknown) };
  } catch (e) {
    return { ok: false, error: `arguments are not valid JSON: ${(e as Error).message}` };
  }
}

/**
 * A tool's outcome: its value, its value already as JSON text (a spell tool's, encoded by its engine
 * as before the loop moved to the host), or why it failed.
 */
export type ToolOutcome = { value: unknown } | { content: string } | { error: string };

/** Records a tool's outcome as the tool message the model reads next: its value as JSON, or `{"error": ...}`. */
export function recordToolResult(memory: AgentMessage[], call: AgentToolCall, outcome: ToolOutcome): void {
  let content: string;
  if ('error' in outcome) content = JSON.stringify({ error: outcome.error });
  else if ('content' in outcome) content = outcome.content;
  else {
    try {
      content = JSON.stringify(outcome.value ?? null) ?? 'null';
    } catch {
      content = String(outcome.value);
    }
  }
  memory.push({ role: 'tool', tool_call_id: call.id, content });
}
