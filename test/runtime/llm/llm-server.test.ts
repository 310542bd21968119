import { afterEach, describe, expect, it } from 'vitest';
import { startLlmServer, type LlmServer } from '../../helpers/llm-server';

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('test LLM server wire format', () => {
  it('streams SSE chunks, a usage chunk, then [DONE]', async () => {
    server = await startLlmServer();
    const res = await post(server.url, { model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'a b c' }] });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await res.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')));
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('echo: a b c');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } });
  });

  it('checks the bearer key, records requests, and answers 404 on unknown paths', async () => {
    server = await startLlmServer({ apiKey: 'k1' });
    expect((await fetch(`${server.url}/models`)).status).toBe(401);
    const ok = await fetch(`${server.url}/models`, { headers: { authorization: 'Bearer k1' } });
    expect(((await ok.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['test-model', 'test-model-mini']);
    expect((await fetch(`${server.url}/nope`, { headers: { authorization: 'Bearer k1' } })).status).toBe(404);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models', 'GET /v1/models', 'GET /v1/nope']);
  });

  it('serves scripted errors with headers and OpenAI-shaped bodies', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    const res = await post(server.url, { messages: [] });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ error: { message: 'Rate limit reached', type: 'rate_limit_exceeded', code: 'rate_limit_exceeded' } });
  });

  it('close() ends hung requests', async () => {
    server = await startLlmServer();
    server.enqueue({ hang: true });
    const pending = post(server.url, { messages: [] }).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    server = undefined;
    expect(await pending).toBe('failed');
  });
});
