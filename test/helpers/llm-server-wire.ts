/**
 * Payloads of the OpenAI chat-completions wire protocol, built by the local test server
 * (`llm-server.ts`): JSON completions, SSE chunks, error bodies, token estimates.
 */

/** One tool call the server should make, as a script gives it. */
export interface ScriptedToolCall {
  name: string;
  /** A JSON string, or any value (serialised with `JSON.stringify`). */
  arguments?: unknown;
}

/** What the server answers to one chat request, before it is put on the wire. */
export interface Answer {
  content: string;
  toolCalls: ScriptedToolCall[];
}

interface WireMessage {
  role?: string;
  content?: unknown;
}

/** Text of a message `content` that is a string or an array of `{type:'text', text}` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => (part && typeof part === 'object' && 'text' in part ? String(part.text) : ''))
      .join('');
  }
  return '';
}

/** The default answer: `echo: <last user message content>`. */
export function echoAnswer(messages: unknown): string {
  const list = Array.isArray(messages) ? (messages as WireMessage[]) : [];
  const lastUser = [...list].reverse().find((m) => m?.role === 'user');
  return `echo: ${contentText(lastUser?.content)}`;
}

/** Deterministic token estimate: whitespace-separated words. */
export function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Prompt tokens of a request body: the words of every message. */
export function promptTokens(messages: unknown): number {
  const list = Array.isArray(messages) ? (messages as WireMessage[]) : [];
  return list.reduce((sum, m) => sum + countTokens(contentText(m?.content)), 0);
}

/** Splits text into stream pieces: one per word, and never fewer than 3 when the text allows. */
export function splitIntoChunks(text: string): string[] {
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  if (words.length >= 3 || text.length < 3) return words;
  const size = Math.ceil(text.length / 3);
  return [text.slice(0, size), text.slice(size, 2 * size), text.slice(2 * size)].filter(Boolean);
}

function argumentsText(args: unknown): string {
  if (args === undefined) return '{}';
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function usageOf(body: Record<string, unknown>, answer: Answer) {
  const prompt = promptTokens(body.messages);
  const completion =
    countTokens(answer.content) + answer.toolCalls.reduce((n, c) => n + countTokens(argumentsText(c.arguments)), 0);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** A non-streaming `chat.completion` object. */
export function completionJson(id: string, body: Record<string, unknown>, answer: Answer): object {
  const toolCalls = answer.toolCalls.map((call, i) => ({
    id: `call_${id}_${i}`,
    type: 'function',
    function: { name: call.name, arguments: argumentsText(call.arguments) },
  }));
  const message = {
    role: 'assistant',
    content: toolCalls.length > 0 && !answer.content ? null : answer.content,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    refusal: null,
  };
  return {
    id: `chatcmpl-${id}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: String(body.model ?? 'test-model'),
    choices: [{ index: 0, message, finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop', logprobs: null }],
    usage: usageOf(body, answer),
  };
}

/** The `chat.completion.chunk` objects of a streamed answer, in order (without `[DONE]`). */
export function completionChunks(id: string, body: Record<string, unknown>, answer: Answer): object[] {
  const base = { id: `chatcmpl-${id}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000) };
  const model = String(body.model ?? 'test-model');
  const chunk = (delta: object, finish: string | null = null) => ({
    ...base,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const piece of splitIntoChunks(answer.content)) chunks.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    const head = { index, id: `call_${id}_${index}`, type: 'function', function: { name: call.name, arguments: '' } };
    chunks.push(chunk({ tool_calls: [head] }));
    for (const fragment of splitIntoChunks(argumentsText(call.arguments))) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, answer.toolCalls.length > 0 ? 'tool_calls' : 'stop'));
  const options = body.stream_options as { include_usage?: boolean } | undefined;
  if (options?.include_usage) chunks.push({ ...base, model, choices: [], usage: usageOf(body, answer) });
  return chunks;
}

/** An OpenAI-shaped error body. */
export function errorJson(status: number, message?: string): object {
  const type = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const text = message ?? (status === 429 ? 'Rate limit reached' : `Test server error ${status}`);
  return { error: { message: text, type, code: status === 401 ? 'invalid_api_key' : type } };
}
