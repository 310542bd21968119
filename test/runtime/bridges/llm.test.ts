import { afterEach, describe, expect, it } from 'vitest';
import { getLlm, llmHandlers } from '../../../runtime/bridges/llm';
import { BridgeError, type BridgeCallContext } from '../../../runtime/bridges/types';
import { createLlmService, type LlmService } from '../../../runtime/llm';
import { startLlmServer, type LlmServer } from '../../helpers/llm-server';

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function context(llm: LlmService | undefined, signal = new AbortController().signal) {
  const emitted: unknown[] = [];
  const ctx: BridgeCallContext = { runId: 'run-1', signal, emit: (v) => emitted.push(v), services: llm ? { llm } : {} };
  return { ctx, emitted };
}

async function localService() {
  server = await startLlmServer();
  const settings = { providers: { local: { base_url: server.url, api_key: 'sk-bridge-key-123456' } }, provider: 'local', llm: { retries: 0 } };
  return createLlmService({ settings });
}

const call = (method: string, args: unknown[], ctx: BridgeCallContext) => {
  const handler = llmHandlers[method];
  if (!handler) throw new Error(`no handler ${method}`);
  return handler(args, ctx);
};

describe('llm bridge handlers', () => {
  it('llm.chat accepts messages or a prompt string, and opts', async () => {
    const { ctx } = context(await localService());
    expect(await call('llm.chat', [[{ role: 'user', content: 'hi' }], { temperature: 0.5, max_tokens: 10, system: 'terse' }], ctx)).toBe('echo: hi');
    expect(await call('llm.chat', ['plain prompt'], ctx)).toBe('echo: plain prompt');
    expect(server?.requests[0]?.body).toMatchObject({ temperature: 0.5, max_tokens: 10, messages: [{ role: 'system', content: 'terse' }, { role: 'user', content: 'hi' }] });
  });

  it('llm.stream emits each chunk and returns the whole text', async () => {
    const { ctx, emitted } = context(await localService());
    server?.enqueue({ content: 'alpha beta gamma delta' });
    expect(await call('llm.stream', [[{ role: 'user', content: 'go' }]], ctx)).toBe('alpha beta gamma delta');
    expect(emitted.length).toBeGreaterThanOrEqual(3);
    expect(emitted.join('')).toBe('alpha beta gamma delta');
  });

  it('llm.stream stops when ctx.signal aborts', async () => {
    server = await startLlmServer({ chunkDelayMs: 30 });
    const llm = createLlmService({ settings: { providers: { local: { base_url: server.url } }, provider: 'local' } });
    server.enqueue({ content: 'a b c d e f g h i j k l' });
    const controller = new AbortController();
    const { ctx, emitted } = context(llm, controller.signal);
    const pending = call('llm.stream', ['go'], { ...ctx, emit: (v) => (emitted.push(v), emitted.length === 2 && controller.abort()) });
    await expect(pending).rejects.toThrow(/^local: cancelled$/);
    expect(emitted).toHaveLength(2);
  });

  it('rejects bad arguments with a clear BridgeError', async () => {
    const { ctx } = context(createLlmService({ settings: { provider: 'mock' } }));
    await expect(call('llm.chat', [[{ role: 'wizard', content: 'x' }]], ctx)).rejects.toThrow(/^llm\.chat: bad argument #1 \(messages\)/);
    await expect(call('llm.chat', ['x', { temperature: 'hot' }], ctx)).rejects.toThrow(/^llm\.chat: bad argument #2 \(opts\) at 'temperature'/);
    await expect(call('llm.chat', ['x', { max_token: 5 }], ctx)).rejects.toThrow(/max_token/);
    await expect(call('llm.chat', [[]], ctx)).rejects.toBeInstanceOf(BridgeError);
    await expect(call('llm.set_provider', [42], ctx)).rejects.toThrow(/^llm\.set_provider: bad argument #1 \(name\)/);
  });

  it('llm.chat_json parses, validates, and names the failing field', async () => {
    const { ctx } = context(await localService());
    const schema = { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } }, required: ['name', 'age'] };
    server?.enqueue({ content: '```json\n{"name": "Ada", "age": 36}\n```' });
    expect(await call('llm.chat_json', ['who?', schema], ctx)).toEqual({ name: 'Ada', age: 36 });
    const body = server?.requests[0]?.body as { response_format: unknown; messages: { content: string }[] };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.messages[0]?.content).toContain('"required":["name","age"]');

    server?.enqueue({ content: '{"name": "Ada", "age": "old"}' });
    await expect(call('llm.chat_json', ['who?', schema], ctx)).rejects.toThrow("llm.chat_json: the answer does not match the schema: field 'age' must be integer");
    server?.enqueue({ content: '{"age": 3}' });
    await expect(call('llm.chat_json', ['who?', schema], ctx)).rejects.toThrow("field 'name' is required");
    server?.enqueue({ content: '{"people": [{"name": 1}]}' });
    const nested = { type: 'object', properties: { people: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } } } };
    await expect(call('llm.chat_json', ['who?', nested], ctx)).rejects.toThrow("field 'people.0.name' must be string");
    server?.enqueue({ content: 'not json at all' });
    await expect(call('llm.chat_json', ['who?', schema], ctx)).rejects.toThrow(/^llm\.chat_json: the model's answer is not valid JSON/);
    const before = server?.requests.length;
    await expect(call('llm.chat_json', ['who?', { type: 'nonsense' }], ctx)).rejects.toThrow(/bad argument #2 \(schema\): invalid JSON schema/);
    expect(server?.requests.length).toBe(before);
  });

  it('llm.chat_json works offline with the mock', async () => {
    const { ctx } = context(createLlmService({ settings: { provider: 'mock' } }));
    const schema = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] };
    expect(await call('llm.chat_json', ['status?', schema], ctx)).toEqual({ ok: false });
  });

  it('lists models and providers, gets and sets the provider', async () => {
    const llm = await localService();
    const { ctx } = context(llm);
    expect(await call('llm.list_models', [], ctx)).toEqual(['test-model', 'test-model-mini']);
    const providers = (await call('llm.list_providers', [], ctx)) as { name: string; current: boolean }[];
    expect(providers.find((p) => p.current)?.name).toBe('local');
    expect(await call('llm.get_provider', [], ctx)).toEqual({ name: 'local', model: 'default' });
    expect(await call('llm.set_provider', ['mock', 'mock-model-large'], ctx)).toEqual({ name: 'mock', model: 'mock-model-large' });
    await expect(call('llm.set_provider', ['nowhere'], ctx)).rejects.toThrow(
      "unknown LLM provider 'nowhere'; known providers: openai, anthropic, gemini, ollama, openrouter, local, mock",
    );
  });

  it('llm.tool_chat returns tool calls and usage for agents', async () => {
    const { ctx } = context(await localService());
    server?.enqueue({ toolCalls: [{ name: 'lookup', arguments: { q: 'lua' } }] });
    const result = await call('llm.tool_chat', [{ messages: [{ role: 'user', content: 'find lua' }], tools: [{ name: 'lookup', description: 'search', parameters: { type: 'object' } }] }], ctx);
    expect(result).toMatchObject({ content: '', finishReason: 'tool_calls', provider: 'local', toolCalls: [{ name: 'lookup', arguments: '{"q":"lua"}' }] });
    expect((result as { usage: { totalTokens: number } }).usage.totalTokens).toBeGreaterThan(0);
  });

  it('HTTP errors reach the spell as BridgeErrors naming provider and status', async () => {
    const { ctx } = context(await localService());
    server?.enqueue({ status: 500 });
    const err = await call('llm.chat', ['x'], ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).message).toBe('local: HTTP 500: Test server error 500');
    expect((err as BridgeError).code).toBe('llm_http');
  });

  it('getLlm fails clearly when the run has no LLM service', () => {
    const { ctx } = context(undefined);
    expect(() => getLlm(ctx)).toThrow('the LLM service is not available in this run');
  });
});
