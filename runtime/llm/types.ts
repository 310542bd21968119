/**
 * The shapes the LLM service speaks: requests, results, usage, and the `LlmProvider` interface that the
 * OpenAI-compatible provider and the offline mock provider both implement.
 */

/** A chat message. `tool_calls` on assistant turns, `tool_call_id` on tool results. */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tool_calls?: LlmToolCall[];
  tool_call_id?: string;
}

/** A tool the model may call; `parameters` is a JSON schema of its arguments object. */
export interface LlmToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** A call the model asked for; `arguments` is the JSON text the model produced. */
export interface LlmToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** One chat request. `system` is prepended as a system message; `model` overrides the provider's. */
export interface LlmRequest {
  messages: LlmMessage[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
  system?: string;
  tools?: LlmToolSpec[];
  /** `'json'` asks the model for a JSON object (`response_format: json_object`). */
  responseFormat?: 'json';
  /** The JSON schema the answer should match (with `responseFormat: 'json'`); the mock answers a sample of it. */
  jsonSchema?: Record<string, unknown>;
}

/** Token counts of one call. */
export interface LlmTokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** What a chat (or a finished stream) returns. */
export interface LlmResult {
  content: string;
  toolCalls: LlmToolCall[];
  usage: LlmTokenUsage;
  provider: string;
  model: string;
  /** As the provider reported it: `stop`, `tool_calls`, `length`, ... */
  finishReason: string;
}

/** A provider as `listProviders()` shows it; never carries the key. */
export interface LlmProviderInfo {
  name: string;
  /** `openai-compatible` for real endpoints, `mock` for the offline provider. */
  kind: 'openai-compatible' | 'mock';
  model: string;
  available: boolean;
  current: boolean;
}

/** One provider endpoint. Implementations must honour `signal` and throw `LlmError`. */
export interface LlmProvider {
  readonly name: string;
  readonly defaultModel: string;
  chat(request: LlmRequest, signal?: AbortSignal): Promise<LlmResult>;
  /** Streams content pieces to `onChunk` as they arrive; resolves with the whole result. */
  stream(request: LlmRequest, onChunk: (text: string) => void, signal?: AbortSignal): Promise<LlmResult>;
  listModels(signal?: AbortSignal): Promise<string[]>;
}
