import { afterEach, describe, expect, it } from 'vitest';
import { createLlmService, LlmError, type LlmSettings } from '../../../runtime/llm';
import { startLlmServer, type LlmServer } from '../../helpers/llm-server';

let server: LlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = [{ role: 'user' as const, content: 'hello' }];

function serviceFor(url: string, llm: LlmSettings['llm'] = {}) {
  const settings: LlmSettings = { providers: { local: { base_url: url, api_key: 'sk-local-key-000000' } }, provider: 'local', llm };
  return createLlmService({ settings, backoff: { baseDelayMs: 5, maxDelayMs: 50 } });
}

describe('retries, timeouts, cancellation', () => {
  it('retries 429 and 500, then succeeds', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 429 }, { status: 500 });
    const result = await serviceFor(server.url, { retries: 2 }).chat({ messages: ask });
    expect(result.content).toBe('echo: hello');
    expect(server.requests).toHaveLength(3);
  });

  it('honours Retry-After (ms) and retries streams that showed nothing yet', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 503, headers: { 'retry-after-ms': '20' } });
    const chunks: string[] = [];
    const started = Date.now();
    const result = await serviceFor(server.url).stream({ messages: ask }, (t) => chunks.push(t));
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(chunks.join('')).toBe('echo: hello');
    expect(result.content).toBe('echo: hello');
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after the configured retries with provider and status in the message', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 429 }, { status: 429 }, { status: 429 });
    const err = await serviceFor(server.url, { retries: 1 }).chat({ messages: ask }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).message).toBe('local: HTTP 429: Rate limit reached');
    expect((err as LlmError).status).toBe(429);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 400, body: { error: { message: 'bad model', type: 'invalid_request_error', code: null } } });
    await expect(serviceFor(server.url).chat({ messages: ask })).rejects.toThrow('local: HTTP 400: bad model');
    expect(server.requests).toHaveLength(1);
  });

  it('reports a malformed JSON body clearly, without retrying', async () => {
    server = await startLlmServer();
    server.enqueue({ malformed: true });
    await expect(serviceFor(server.url).chat({ messages: ask })).rejects.toThrow(/^local: malformed response from the server/);
    expect(server.requests).toHaveLength(1);
  });

  it('reports a 200 answer that is not a chat completion as malformed', async () => {
    server = await startLlmServer();
    server.enqueue({ status: 200, body: { hello: 'proxy' } });
    await expect(serviceFor(server.url).chat({ messages: ask })).rejects.toThrow(
      'local: malformed response from the server (expected a chat completion with choices)',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('reports a broken SSE stream clearly', async () => {
    server = await startLlmServer();
    server.enqueue({ malformed: true });
    await expect(serviceFor(server.url).stream({ messages: ask }, () => {})).rejects.toThrow(/^local: malformed response from the server/);
  });

  it('times out a hung request', async () => {
    server = await startLlmServer();
    server.enqueue({ hang: true });
    const started = Date.now();
    await expect(serviceFor(server.url, { retries: 0, request_timeout: 0.2 }).chat({ messages: ask })).rejects.toThrow(
      'local: request timed out after 200ms',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('retries after a timeout and then succeeds', async () => {
    server = await startLlmServer();
    server.enqueue({ hang: true });
    const result = await serviceFor(server.url, { retries: 1, request_timeout: 0.2 }).chat({ messages: ask });
    expect(result.content).toBe('echo: hello');
    expect(server.requests).toHaveLength(2);
  });

  it('the stream timeout is an idle timeout: a slow but steady stream finishes', async () => {
    // Chunks every 100 ms against a 600 ms timeout: room for a loaded machine between chunks, while
    // the whole stream (about 1 s) takes longer than the timeout.
    server = await startLlmServer({ chunkDelayMs: 100 });
    server.enqueue({ content: 'a b c d e f g h i j' });
    const started = Date.now();
    const result = await serviceFor(server.url, { retries: 0, request_timeout: 0.6 }).stream({ messages: ask }, () => {});
    expect(result.content).toBe('a b c d e f g h i j');
    expect(Date.now() - started).toBeGreaterThan(600);
  });

  it('times out a stream that stalls', async () => {
    server = await startLlmServer({ chunkDelayMs: 400 });
    const err = await serviceFor(server.url, { retries: 0, request_timeout: 0.1 }).stream({ messages: ask }, () => {}).catch((e: unknown) => e);
    expect((err as LlmError).message).toBe('local: request timed out after 100ms');
  });

  it('cancels mid-stream via AbortSignal', async () => {
    server = await startLlmServer({ chunkDelayMs: 30 });
    server.enqueue({ content: 'a b c d e f g h i j k l m n o p' });
    const controller = new AbortController();
    const chunks: string[] = [];
    const pending = serviceFor(server.url).stream({ messages: ask }, (t) => {
      chunks.push(t);
      if (chunks.length === 2) controller.abort();
    }, controller.signal);
    await expect(pending).rejects.toThrow('local: cancelled');
    expect(chunks).toHaveLength(2);
    expect(server.requests).toHaveLength(1);
  });

  it('cancels before the answer arrives', async () => {
    server = await startLlmServer({ latencyMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(serviceFor(server.url).chat({ messages: ask }, controller.signal)).rejects.toThrow('local: cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a refused connection as a network error', async () => {
    server = await startLlmServer();
    const url = server.url;
    await server.close();
    server = undefined;
    const err = await serviceFor(url, { retries: 0 }).chat({ messages: ask }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LlmError);
    expect((err as LlmError).kind).toBe('network');
    expect((err as LlmError).message).toMatch(/^local: connection failed/);
  });

  it('serves 100 concurrent chats at once', async () => {
    // Each answer waits a second at the server: long enough for all to arrive on a loaded machine.
    server = await startLlmServer({ latencyMs: 1000 });
    const llm = serviceFor(server.url);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => llm.chat({ messages: [{ role: 'user', content: `n${i}` }] })));
    // All at the server at once: no queue in our client or the SDK, whatever the machine's load.
    expect(server.peakInFlight()).toBe(100);
    expect(results.map((r) => r.content)).toEqual(Array.from({ length: 100 }, (_, i) => `echo: n${i}`));
    expect(llm.usage().totals.calls).toBe(100);
  });
});
