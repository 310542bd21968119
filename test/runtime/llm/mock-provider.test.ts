import { describe, expect, it } from 'vitest';
import { createLlmService, MockProvider, mockAnswer } from '../../../runtime/llm';

const ask = (content: string) => [{ role: 'user' as const, content }];

describe('mock provider', () => {
  it('answers deterministically with go-llmspell wording', async () => {
    const mock = new MockProvider();
    const a = await mock.chat({ messages: ask('What is Lua?') });
    const b = await mock.chat({ messages: ask('What is Lua?') });
    expect(a.content).toBe("[Mock LLM Response] I received your prompt: 'What is Lua?'");
    expect(b).toEqual(a);
    expect(a).toMatchObject({ provider: 'mock', model: 'mock-model', finishReason: 'stop', toolCalls: [] });
    expect(a.usage.totalTokens).toBe(a.usage.promptTokens + a.usage.completionTokens);
    expect(a.usage.completionTokens).toBeGreaterThan(0);
  });

  it('streams the same answer in at least 3 chunks', async () => {
    const chunks: string[] = [];
    const result = await new MockProvider().stream({ messages: ask('hi') }, (t) => chunks.push(t));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(chunks.join('')).toBe(mockAnswer('hi'));
    expect(result.content).toBe(mockAnswer('hi'));
  });

  it('calls a tool named in the prompt once, with arguments sampled from its schema', async () => {
    const mock = new MockProvider();
    const tools = [
      { name: 'calculator', parameters: { type: 'object', properties: { expression: { type: 'string' }, precision: { type: 'integer' } } } },
      { name: 'search' },
    ];
    const first = await mock.chat({ messages: ask('use the calculator on 2+2'), tools });
    expect(first.finishReason).toBe('tool_calls');
    expect(first.toolCalls).toEqual([{ id: 'call_mock_1', name: 'calculator', arguments: '{"expression":"mock","precision":0}' }]);
    const after = await mock.chat({
      messages: [...ask('use the calculator on 2+2'), { role: 'assistant', content: '', tool_calls: first.toolCalls }, { role: 'tool', content: '4', tool_call_id: 'call_mock_1' }],
      tools,
    });
    expect(after.toolCalls).toEqual([]);
    expect(after.content).toBe(mockAnswer('use the calculator on 2+2'));
    const none = await mock.chat({ messages: ask('just talk'), tools });
    expect(none.toolCalls).toEqual([]);
  });

  it('answers JSON matching a schema when asked for JSON', async () => {
    const schema = { type: 'object', properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' }, minItems: 1 } } };
    const result = await new MockProvider().chat({ messages: ask('x'), responseFormat: 'json', jsonSchema: schema });
    expect(JSON.parse(result.content)).toEqual({ name: 'mock', tags: ['mock'] });
  });

  it('lists mock models and honours an aborted signal', async () => {
    const mock = new MockProvider();
    expect(await mock.listModels()).toEqual(['mock-model', 'mock-model-large']);
    const controller = new AbortController();
    controller.abort();
    await expect(mock.chat({ messages: ask('x') }, controller.signal)).rejects.toThrow('mock: cancelled');
  });

  it('the service meters mock usage per call', async () => {
    let clock = 0;
    const llm = createLlmService({ now: () => (clock += 5) });
    await llm.chat({ messages: ask('one') });
    await llm.stream({ messages: ask('two') }, () => {});
    const report = llm.usage();
    expect(report.calls).toHaveLength(2);
    expect(report.calls[0]).toMatchObject({ provider: 'mock', model: 'mock-model', durationMs: 5 });
    expect(report.totals.calls).toBe(2);
    expect(report.totals.totalTokens).toBe(report.calls.reduce((n, c) => n + c.totalTokens, 0));
    expect(report.totals.durationMs).toBe(10);
  });
});
