import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmService } from '../../../runtime/llm';
import { startLlmServer, type LlmServer } from '../../helpers/llm-server';
import { ofType, runFile, workflowFolder } from './workflow-harness';

const folder = workflowFolder();
let server: LlmServer;
beforeAll(async () => {
  server = await startLlmServer();
});
afterAll(async () => {
  await server.close();
  folder.remove();
});
let n = 0;
/** Runs workflow text with the real openai SDK against the local server. */
const run = (text: string, inputs: Record<string, unknown> = {}) => {
  const llm = createLlmService({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url }, backoff: { baseDelayMs: 1, maxDelayMs: 2 } });
  return runFile(folder.write(`ai${++n}.workflow.yaml`, text), { inputs, host: { llm } });
};
const body = (i: number) => server.requests[i]?.body as { messages: { role: string; content: string }[]; stream?: boolean; response_format?: unknown; tools?: unknown[] };

describe('llm node', () => {
  it('fills the prompt and system templates, streams tokens, and counts them', async () => {
    server.requests.length = 0;
    const { outcome, events } = await run(
      `name: ask
inputs:
  topic: { type: string }
nodes:
  - { id: ask, type: llm, config: { system: "Be brief about {{topic}}.", prompt: "Tell me about {{topic}} and {{extra}}", temperature: 0.2 } }
  - { id: extra, type: transform, config: { value: rocks } }
edges:
  - { from: extra, to: ask.extra }
`,
      { topic: 'tides' },
    );
    expect(outcome.outputs).toEqual({ ask: 'echo: Tell me about tides and rocks' });
    expect(body(0)).toMatchObject({ stream: true, temperature: 0.2, messages: [{ role: 'system', content: 'Be brief about tides.' }, { role: 'user', content: 'Tell me about tides and rocks' }] });
    expect(ofType(events, 'token').map((e) => e.text).join('')).toBe('echo: Tell me about tides and rocks');
    const finished = ofType(events, 'node-finished').find((e) => e.nodeId === 'ask')!;
    expect(finished.tokens?.total).toBeGreaterThan(0);
    expect(outcome.tokens.total).toBe(finished.tokens?.total);
  });

  it('parses and checks a JSON answer against the schema', async () => {
    server.requests.length = 0;
    server.enqueue({ content: '```json\n{"angles": ["a", "b"]}\n```' }, { content: '{"angles": "not a list"}' });
    const text = `name: json
nodes:
  - id: plan
    type: llm
    config:
      prompt: plan it
      schema: { type: object, properties: { angles: { type: array, items: { type: string } } }, required: [angles] }
`;
    expect((await run(text)).outcome.outputs).toEqual({ plan: { angles: ['a', 'b'] } });
    expect(body(0).response_format).toEqual({ type: 'json_object' });
    expect(body(0).stream).toBeUndefined();
    const bad = await run(text);
    expect(bad.outcome.ok).toBe(false);
    expect(bad.outcome.error?.message).toMatch(/^node 'plan' \(llm\): the answer does not match the schema: \/angles: must be array/);
    expect(bad.outcome.error?.line).toBe(3);
  });
});

describe('tool and agent nodes', () => {
  it('runs a built-in tool with templated parameters and reports the call', async () => {
    const { outcome, events } = await run(`name: calc
inputs:
  x: { type: integer, default: 6 }
nodes:
  - { id: calc, type: tool, config: { tool: calculator, params: { expression: "{{x}} * 7" } } }
  - { id: hash, type: tool, config: { tool: hash, params: { algorithm: sha256 } } }
  - { id: p, type: transform, config: { value: { text: abc } } }
edges:
  - { from: p, to: hash.params }
`);
    expect(outcome.error).toBeUndefined();
    expect(outcome.outputs.calc).toBe(42);
    expect(outcome.outputs.hash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(ofType(events, 'tool-call').map((e) => [e.nodeId, e.tool, e.arguments])).toEqual([
      ['calc', 'calculator', { expression: '6 * 7' }],
      ['hash', 'hash', { text: 'abc', algorithm: 'sha256' }],
    ]);
    const failed = await run('name: t\nnodes:\n  - { id: calc, type: tool, config: { tool: calculator, params: { expression: "1 +" } } }\n');
    expect(failed.outcome.error?.message).toMatch(/^node 'calc' \(tool\): calculator: /);
  });

  it('lets an agent call tools until it answers', async () => {
    server.requests.length = 0;
    server.enqueue({ toolCalls: [{ name: 'calculator', arguments: '{"expression":"2+2"}' }] }, { content: 'It is 4.' });
    const { outcome, events } = await run(`name: agent
nodes:
  - { id: helper, type: agent, config: { system_prompt: "Use tools.", prompt: "What is {{q}}?", tools: [calculator] } }
  - { id: q, type: transform, config: { value: "2+2" } }
edges:
  - { from: q, to: helper.q }
`);
    expect(outcome.outputs).toEqual({ helper: 'It is 4.' });
    expect(ofType(events, 'tool-result')).toMatchObject([{ nodeId: 'helper', tool: 'calculator', ok: true }]);
    expect(body(0).tools).toHaveLength(1);
    expect(body(1).messages.at(-1)).toMatchObject({ role: 'tool', content: '4' });
  });
});

describe('condition node with an LLM classification', () => {
  const text = `name: route
nodes:
  - { id: msg, type: transform, config: { value: "where is my parcel" } }
  - { id: kind, type: condition, config: { classify: { labels: [refund, question] }, default: question } }
  - { id: r, type: transform, config: { template: "R: {{input}}" } }
  - { id: q, type: transform, config: { template: "Q: {{input}}" } }
  - { id: join, type: merge, config: { mode: first } }
edges:
  - { from: msg, to: kind }
  - { from: kind.refund, to: r.input }
  - { from: kind.question, to: q.input }
  - { from: r, to: join }
  - { from: q, to: join }
`;

  it('takes the branch the model names, and the default for an answer naming none', async () => {
    server.requests.length = 0;
    server.enqueue({ content: 'Refund.' }, { content: 'no idea' });
    expect((await run(text)).outcome.outputs).toEqual({ join: 'R: where is my parcel' });
    expect(body(0).messages[0]?.content).toContain('exactly one of these labels: refund, question');
    expect((await run(text)).outcome.outputs).toEqual({ join: 'Q: where is my parcel' });
  });

  it('fails naming the labels when the answer names none and there is no default', async () => {
    server.enqueue({ content: 'no idea' });
    const { outcome } = await run(text.replace(', default: question', ''));
    expect(outcome.error?.message).toBe('node \'kind\' (condition): the model\'s answer names none of refund, question: "no idea" (set default: to route such answers)');
  });
});
