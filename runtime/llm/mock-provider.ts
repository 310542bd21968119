/**
 * The offline mock provider: deterministic answers, no network. Used when no provider is configured,
 * in tests, and in demos. Wording follows go-llmspell's mock.
 */
import { MOCK_PROVIDER } from '../contract/provider-names';
import { LlmError } from './llm-error';
import { sampleFromSchema } from './schema-sample';
import { estimateTokens } from './token-estimate';
import type { LlmMessage, LlmProvider, LlmRequest, LlmResult, LlmToolCall } from './types';

export { MOCK_PROVIDER };

/** Shown once when the service falls back to the mock because nothing is configured. */
export const MOCK_FALLBACK_NOTICE =
  "using the offline mock provider; set OPENAI_API_KEY (or another provider's key) to use a real model";

/** The mock's answer to a prompt. */
export function mockAnswer(prompt: string): string {
  return `[Mock LLM Response] I received your prompt: '${prompt}'`;
}

/** Splits text into stream pieces: one per word, never fewer than 3 when the text allows. */
export function splitForStreaming(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  if (words.length >= 3 || text.length < 3) return words;
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)];
}

const lastUser = (messages: LlmMessage[]): string => [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';

function cancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new LlmError(`${MOCK_PROVIDER}: cancelled`, 'cancelled', MOCK_PROVIDER);
}

/** Deterministic, offline `LlmProvider`. */
export class MockProvider implements LlmProvider {
  readonly name = MOCK_PROVIDER;
  readonly defaultModel = 'mock-model';

  /**
   * Calls a tool once when tools are offered, the last message is the user's, and the prompt names a
   * tool; its arguments are a sample of the tool's schema. Otherwise answers with `mockAnswer`.
   */
  async chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> {
    cancelled(signal);
    const prompt = lastUser(request.messages);
    const lastRole = request.messages.at(-1)?.role;
    const tool =
      lastRole === 'user' ? request.tools?.find((t) => new RegExp(`\\b${escapeRegExp(t.name)}\\b`, 'i').test(prompt)) : undefined;
    const toolCalls: LlmToolCall[] = tool
      ? [{ id: 'call_mock_1', name: tool.name, arguments: JSON.stringify(sampleFromSchema(tool.parameters ?? { type: 'object' }) ?? {}) }]
      : [];
    const content = tool ? '' : request.responseFormat === 'json' ? this.jsonAnswer(request, prompt) : mockAnswer(prompt);
    const promptTokens = estimateTokens([request.system ?? '', ...request.messages.map((m) => m.content)].join('\n'));
    const completionTokens = estimateTokens(content + (toolCalls[0]?.arguments ?? ''));
    return {
      content,
      toolCalls,
      usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
      provider: this.name,
      model: request.model ?? this.defaultModel,
      finishReason: tool ? 'tool_calls' : 'stop',
    };
  }

  /** Same answer as `chat`, delivered in several chunks with a macrotask between them. */
  async stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult> {
    const result = await this.chat(request, signal);
    for (const piece of splitForStreaming(result.content)) {
      await new Promise((resolve) => setImmediate(resolve));
      cancelled(signal);
      onChunk(piece);
    }
    return result;
  }

  async listModels(signal?: AbortSignal): Promise<string[]> {
    cancelled(signal);
    return ['mock-model', 'mock-model-large'];
  }

  private jsonAnswer(request: LlmRequest, prompt: string): string {
    const sample = request.jsonSchema ? sampleFromSchema(request.jsonSchema) : { response: mockAnswer(prompt) };
    return JSON.stringify(sample);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
