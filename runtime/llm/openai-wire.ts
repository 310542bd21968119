/**
 * Translation between our request/result shapes and the openai SDK's chat-completions types,
 * including the accumulation of streamed content and tool-call deltas.
 */
import type OpenAI from 'openai';
import { estimateTokens } from './token-estimate';
import type { LlmRequest, LlmToolCall, LlmTokenUsage } from './types';

type Params = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type MessageParam = OpenAI.Chat.ChatCompletionMessageParam;

/**
 * A tool name as providers accept it (`^[A-Za-z0-9_-]{1,64}$`): an MCP tool `server.tool` travels as
 * `server__tool` (MCP server names never contain `__`); other names go as they are.
 */
export function wireToolName(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : name.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '.' ? '__' : '_'));
}

/** The tool name a provider answered with, back to the name the request offered. */
export function fromWireToolName(wire: string, request: LlmRequest): string {
  return request.tools?.find((t) => wireToolName(t.name) === wire)?.name ?? wire;
}

/** The SDK parameters of a request (without `stream`). */
export function toChatParams(request: LlmRequest, model: string): Params {
  const messages: MessageParam[] = [];
  if (request.system) messages.push({ role: 'system', content: request.system });
  for (const m of request.messages) {
    if (m.role === 'tool') {
      messages.push({ role: 'tool', content: m.content, tool_call_id: m.tool_call_id ?? '' });
    } else if (m.role === 'assistant' && m.tool_calls?.length) {
      const toolCalls = m.tool_calls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: wireToolName(c.name), arguments: c.arguments } }));
      messages.push({ role: 'assistant', content: m.content || null, tool_calls: toolCalls });
    } else {
      messages.push({ role: m.role, content: m.content });
    }
  }
  const params: Params = { model, messages };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  // max_tokens rather than max_completion_tokens: every OpenAI-compatible server understands it
  if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
  if (request.responseFormat === 'json') params.response_format = { type: 'json_object' };
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({
      type: 'function' as const,
      function: {
        name: wireToolName(t.name),
        ...(t.description ? { description: t.description } : {}),
        parameters: t.parameters ?? { type: 'object', properties: {} },
      },
    }));
  }
  return params;
}

/** Our usage from the SDK's, or an estimate when the server sent none. */
export function toUsage(usage: OpenAI.CompletionUsage | null | undefined, request: LlmRequest, completion: string): LlmTokenUsage {
  if (usage) {
    return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
  }
  const prompt = estimateTokens([request.system ?? '', ...request.messages.map((m) => m.content)].join('\n'));
  const done = estimateTokens(completion);
  return { promptTokens: prompt, completionTokens: done, totalTokens: prompt + done };
}

/** Tool calls of a non-streamed message (function calls only). */
export function toToolCalls(message: OpenAI.Chat.ChatCompletionMessage, request: LlmRequest): LlmToolCall[] {
  return (message.tool_calls ?? []).flatMap((c) =>
    c.type === 'function' ? [{ id: c.id, name: fromWireToolName(c.function.name, request), arguments: c.function.arguments }] : [],
  );
}

/** Collects a streamed answer chunk by chunk. */
export class StreamAccumulator {
  content = '';
  model = '';
  finishReason = '';
  usage: OpenAI.CompletionUsage | undefined;
  private readonly calls = new Map<number, LlmToolCall>();

  /** Adds one chunk; returns the content piece it carried ('' when none). */
  add(chunk: OpenAI.Chat.ChatCompletionChunk): string {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) return '';
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    for (const delta of choice.delta.tool_calls ?? []) {
      const call = this.calls.get(delta.index) ?? { id: '', name: '', arguments: '' };
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.arguments += delta.function.arguments;
      this.calls.set(delta.index, call);
    }
    const piece = choice.delta.content ?? '';
    this.content += piece;
    return piece;
  }

  /** Tool calls in index order, named as `request` offered them. */
  toolCalls(request: LlmRequest): LlmToolCall[] {
    return [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, call]) => ({ ...call, name: fromWireToolName(call.name, request) }));
  }
}
