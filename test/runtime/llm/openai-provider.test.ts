import { afterEach, describe, expect, it } from 'vitest';
import { createLlmService, type LlmSettings } from '../../../runtime/llm';
import { startLlmServer, type LlmServer } from '../../helpers/llm-server';

const KEY = 'sk-test-secret-0123456789';
let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function localSettings(url: string, extra: Partial<LlmSettings> = {}): LlmSettings {
  return { providers: { local: { base_url: url, api_key: KEY, model: 'test-model' } }, provider: 'local', ...extra };
}

describe('OpenAI-compatible provider over the real SDK', () => {
  it('chats, carrying the key in the Authorization header', async () => {
    server = await startLlmServer({ apiKey: KEY });
    const llm = createLlmService({ settings: localSettings(server.url) });
    const result = await llm.chat({ messages: [{ role: 'user', content: 'hello there' }], system: 'be brief', temperature: 0.2, maxTokens: 50 });
    expect(result).toMatchObject({ content: 'echo: hello there', provider: 'local', model: 'test-model', finishReason: 'stop', toolCalls: [] });
    expect(result.usage).toEqual({ promptTokens: 4, completionTokens: 3, totalTokens: 7 });
    const [req] = server.requests;
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(req?.body).toMatchObject({ model: 'test-model', temperature: 0.2, max_tokens: 50, messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello there' }] });
  });

  it('streams in several chunks and reports usage', async () => {
    server = await startLlmServer();
    server.enqueue({ content: 'one two three four five' });
    const llm = createLlmService({ settings: localSettings(server.url) });
    const chunks: string[] = [];
    const result = await llm.stream({ messages: [{ role: 'user', content: 'count' }] }, (t) => chunks.push(t));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.join('')).toBe('one two three four five');
    expect(result.content).toBe('one two three four five');
    expect(result.usage).toEqual({ promptTokens: 1, completionTokens: 5, totalTokens: 6 });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('returns tool calls, non-streamed and streamed', async () => {
    server = await startLlmServer();
    const call = { name: 'get_weather', arguments: { city: 'Paris', days: 3 } };
    server.enqueue({ toolCalls: [call] }, { toolCalls: [call, { name: 'noop' }] });
    const llm = createLlmService({ settings: localSettings(server.url) });
    const tools = [{ name: 'get_weather', description: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const plain = await llm.chat({ messages: [{ role: 'user', content: 'weather?' }], tools });
    expect(plain.finishReason).toBe('tool_calls');
    expect(plain.toolCalls).toHaveLength(1);
    expect(plain.toolCalls[0]).toMatchObject({ name: 'get_weather' });
    expect(JSON.parse(plain.toolCalls[0]?.arguments ?? '')).toEqual({ city: 'Paris', days: 3 });
    expect(server.requests[0]?.body).toMatchObject({ tools: [{ type: 'function', function: { name: 'get_weather' } }] });

    const streamed = await llm.stream({ messages: [{ role: 'user', content: 'weather?' }], tools }, () => {});
    expect(streamed.toolCalls.map((c) => c.name)).toEqual(['get_weather', 'noop']);
    expect(JSON.parse(streamed.toolCalls[0]?.arguments ?? '')).toEqual({ city: 'Paris', days: 3 });
    expect(streamed.toolCalls[0]?.id).toMatch(/^call_/);
    expect(streamed.finishReason).toBe('tool_calls');
  });

  it('sends tool results back in the conversation', async () => {
    server = await startLlmServer();
    const llm = createLlmService({ settings: localSettings(server.url) });
    await llm.chat({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', name: 'get_weather', arguments: '{}' }] },
        { role: 'tool', content: 'sunny', tool_call_id: 'call_1' },
      ],
    });
    const body = server.requests[0]?.body as { messages: unknown[] };
    expect(body.messages[1]).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather' } }] });
    expect(body.messages[2]).toEqual({ role: 'tool', content: 'sunny', tool_call_id: 'call_1' });
  });

  it('lists models', async () => {
    server = await startLlmServer({ models: ['a-model', 'b-model'] });
    const llm = createLlmService({ settings: localSettings(server.url) });
    expect(await llm.listModels()).toEqual(['a-model', 'b-model']);
  });

  it('asks for JSON with responseFormat json', async () => {
    server = await startLlmServer();
    const llm = createLlmService({ settings: localSettings(server.url) });
    await llm.chat({ messages: [{ role: 'user', content: 'json please' }], responseFormat: 'json' });
    expect(server.requests[0]?.body).toMatchObject({ response_format: { type: 'json_object' } });
  });

  it('a wrong key gives HTTP 401', async () => {
    server = await startLlmServer({ apiKey: 'sk-the-right-one-xyz' });
    const llm = createLlmService({ settings: localSettings(server.url) });
    await expect(llm.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow(/^local: HTTP 401: Incorrect API key provided$/);
    expect(server.requests).toHaveLength(1); // 401 is not retried
  });

  it('the key appears in no error message, even when the server echoes it', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 401, body: { error: { message: `Incorrect API key provided: ${KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' } } });
    const llm = createLlmService({ settings: localSettings(server.url) });
    const err = await llm.chat({ messages: [{ role: 'user', content: 'hi' }] }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^local: HTTP 401: Incorrect API key provided: /);
    expect((err as Error).message).not.toContain(KEY);
    expect(JSON.stringify(err)).not.toContain(KEY);
    expect(String((err as Error).stack)).not.toContain(KEY);
  });

  it('the openai provider reads OPENAI_BASE_URL / OPENAI_API_KEY / OPENAI_MODEL from the env it is given', async () => {
    server = await startLlmServer({ apiKey: KEY });
    const llm = createLlmService({ env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url, OPENAI_MODEL: 'gpt-test' } });
    expect(llm.currentProvider()).toEqual({ name: 'openai', model: 'gpt-test' });
    const result = await llm.chat({ messages: [{ role: 'user', content: 'ping' }] });
    expect(result).toMatchObject({ content: 'echo: ping', provider: 'openai', model: 'gpt-test' });
  });
});
