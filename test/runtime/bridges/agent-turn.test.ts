/**
 * `agents.turn`, the host's agent loop behind Lua's and JavaScript's agents, driven through the real
 * RpcDispatcher (as an engine's RPCs are) with the real llm, tools and agents handlers over a scripted
 * LLM service: a spell tool is asked of the engine and answered with `agents.tool_result`, a built-in
 * tool runs on the host, the permission guard applies to the loop's own calls, and cancelling the call
 * or ending the run ends the loop.
 */
import { describe, expect, it } from 'vitest';
import { agentsHandlers } from '../../../runtime/bridges/agents';
import { llmHandlers, type LlmBridgeService } from '../../../runtime/bridges/llm';
import { toolsHandlers } from '../../../runtime/bridges/tools';
import type { BridgeHandlers } from '../../../runtime/bridges/types';
import type { HostToEngine } from '../../../runtime/contract/engine-protocol';
import type { RunEvent } from '../../../runtime/contract/run-events';
import { noPermissions } from '../../../runtime/contract/spell-permissions';
import { RpcDispatcher } from '../../../runtime/host/rpc-dispatcher';
import type { LlmRequest, LlmResult } from '../../../runtime/llm/types';
import { guardBridges } from '../../../runtime/security/permission-guard';

type Reply = Partial<LlmResult> | Error | 'hang';

/** An LLM service answering from a script; it records each request (a copy) and its signal. */
function scriptedLlm(replies: Reply[]) {
  const requests: LlmRequest[] = [];
  const signals: AbortSignal[] = [];
  const answer = async (request: LlmRequest, signal?: AbortSignal): Promise<LlmResult> => {
    requests.push(structuredClone(request));
    if (signal) signals.push(signal);
    const next = replies.shift() ?? { content: 'no more script' };
    if (next === 'hang') return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    if (next instanceof Error) throw next;
    return { content: '', toolCalls: [], usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, provider: 'fake', model: 'm', finishReason: 'stop', ...next };
  };
  const service: LlmBridgeService = {
    chat: answer,
    stream: async (request, onChunk, signal) => {
      const result = await answer(request, signal);
      for (const word of result.content.split(/(?<= )/)) if (word) onChunk(word);
      return result;
    },
    listModels: async () => ['m'],
    listProviders: () => [],
    currentProvider: () => ({ name: 'fake', model: 'm' }),
    setProvider: () => {},
  };
  return { requests, signals, service };
}

const ALL: BridgeHandlers = { ...llmHandlers, ...toolsHandlers, ...agentsHandlers };

function setup(replies: Reply[], bridges: BridgeHandlers = ALL) {
  const llm = scriptedLlm(replies);
  const sent: HostToEngine[] = [];
  const events: RunEvent[] = [];
  const dispatcher = new RpcDispatcher('run-1', { bridges, services: { llm: llm.service }, onEvent: (e) => events.push(e) }, (m) => sent.push(m));
  return { dispatcher, sent, events, llm };
}

/** Waits until `check` holds (the loop runs on promises and a tool on the host takes a moment). */
async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const SHOUT = { name: 'shout', description: 'upper-cases', parameters: { type: 'object', properties: { text: { type: 'string' } } }, spell: true };
const CALCULATOR = { name: 'calculator', description: 'arithmetic', parameters: { type: 'object', properties: { expression: { type: 'string' } } }, spell: false };

function turn(extra: Record<string, unknown> = {}) {
  return { name: 'helper', input: 'go', memory: [], system: 'Use tools.', max_steps: 4, tools: [SHOUT, CALCULATOR], handoffs: [], ...extra };
}

const result = (sent: HostToEngine[], id: number) => sent.find((m) => m.type === 'rpc-result' && m.id === id);
const requestsOf = (sent: HostToEngine[], id: number) =>
  sent.flatMap((m) => (m.type === 'rpc-event' && m.id === id && typeof m.value === 'object' ? [m.value as Record<string, unknown>] : []));

describe('agents.turn: the host agent loop', () => {
  it('asks the engine for a spell tool, runs a built-in tool itself, and returns the answer with the conversation', async () => {
    const { dispatcher, sent, events, llm } = setup([
      {
        toolCalls: [
          { id: 'c1', name: 'shout', arguments: '{"text":"hi"}' },
          { id: 'c2', name: 'calculator', arguments: '{"expression":"6*7"}' },
        ],
      },
      { content: 'HI and 42' },
    ]);
    dispatcher.call(1, 'agents.turn', [turn({ memory: {} })]); // a Lua spell's empty table is an empty list
    await until(() => requestsOf(sent, 1).length === 1, 'the tool request');
    expect(requestsOf(sent, 1)).toEqual([{ request: 1, tool: 'shout', arguments: { text: 'hi' } }]);
    dispatcher.call(2, 'agents.tool_result', [1, { content: '"HI"' }]);
    await until(() => result(sent, 1) !== undefined, 'the answer');

    expect(result(sent, 2)).toEqual({ type: 'rpc-result', id: 2, ok: true, value: true });
    const memory = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: '', tool_calls: [{ id: 'c1', name: 'shout', arguments: '{"text":"hi"}' }, { id: 'c2', name: 'calculator', arguments: '{"expression":"6*7"}' }] },
      { role: 'tool', tool_call_id: 'c1', content: '"HI"' },
      { role: 'tool', tool_call_id: 'c2', content: '42' },
      { role: 'assistant', content: 'HI and 42' },
    ];
    expect(result(sent, 1)).toEqual({ type: 'rpc-result', id: 1, ok: true, value: { memory, answer: 'HI and 42' } });
    // The model saw both tools (without the engine's `spell` flag), and both results.
    expect(llm.requests[0]?.tools).toEqual([
      { name: 'shout', description: 'upper-cases', parameters: SHOUT.parameters },
      { name: 'calculator', description: 'arithmetic', parameters: CALCULATOR.parameters },
    ]);
    expect(llm.requests[1]?.messages).toEqual(memory.slice(0, 4));
    expect(llm.requests[1]?.system).toBe('Use tools.');
    // The host's tool is on the run's stream; the loop's own bridge calls are on its trace.
    expect(events.filter((e) => e.type === 'tool-call' || e.type === 'tool-result')).toMatchObject([
      { type: 'tool-call', tool: 'calculator', arguments: { expression: '6*7' } },
      { type: 'tool-result', tool: 'calculator', ok: true, result: 42 },
    ]);
    expect(events.filter((e) => e.type === 'call').map((e) => (e as { method: string }).method)).toEqual([
      'llm.tool_chat',
      'agents.tool_result',
      'tools.builtin_execute',
      'llm.tool_chat',
      'agents.turn',
    ]);
  });

  it('streams the answer as text events, and hands the turn to another agent through the engine', async () => {
    const { dispatcher, sent, llm } = setup([{ toolCalls: [{ id: 'h', name: 'handoff_to_billing', arguments: '{}' }] }, { content: 'never asked' }]);
    dispatcher.call(1, 'agents.turn', [turn({ tools: [], handoffs: [{ name: 'billing', about: 'invoices' }], stream: true })]);
    await until(() => requestsOf(sent, 1).length === 1, 'the hand-off request');
    expect(requestsOf(sent, 1)).toEqual([{ request: 1, handoff: 'billing' }]);
    expect(llm.requests[0]?.tools?.[0]).toMatchObject({ name: 'handoff_to_billing', description: "Hand this conversation to the agent 'billing' (invoices); its answer becomes yours." });
    dispatcher.call(2, 'agents.tool_result', [1, { answer: 'Invoice fixed.' }]);
    await until(() => result(sent, 1) !== undefined, 'the answer');
    const value = (result(sent, 1) as { value: { memory: unknown[]; answer: string; handoff: string } }).value;
    expect(value.answer).toBe('Invoice fixed.');
    expect(value.handoff).toBe('billing');
    expect(value.memory.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'h', content: '{"handed_off_to":"billing"}' },
      { role: 'assistant', content: 'Invoice fixed.' },
    ]);
    expect(llm.requests).toHaveLength(1);

    const streamed = setup([{ content: 'one two three' }]);
    streamed.dispatcher.call(7, 'agents.turn', [turn({ stream: true })]);
    await until(() => result(streamed.sent, 7) !== undefined, 'the streamed answer');
    expect(streamed.sent.filter((m) => m.type === 'rpc-event').map((m) => (m as { value: unknown }).value)).toEqual(['one ', 'two ', 'three']);
    expect(streamed.events.filter((e) => e.type === 'token').map((e) => (e as { text: string }).text).join('')).toBe('one two three');
  });

  it('returns the conversation with the failure: max steps, and a failed model call that forgets the input', async () => {
    const looping = setup([{ toolCalls: [{ id: 'a', name: 'calculator', arguments: '{"expression":"1"}' }] }, { toolCalls: [{ id: 'b', name: 'calculator', arguments: '{"expression":"2"}' }] }]);
    looping.dispatcher.call(1, 'agents.turn', [turn({ max_steps: 2 })]);
    await until(() => result(looping.sent, 1) !== undefined, 'the answer');
    const stopped = (result(looping.sent, 1) as { value: { memory: unknown[]; error: string; code: string } }).value;
    expect(stopped.error).toBe("agent 'helper' stopped after 2 steps without a final answer");
    expect(stopped.code).toBe('agent_max_steps');
    expect(stopped.memory).toHaveLength(5);

    const before = [{ role: 'user', content: 'earlier' }, { role: 'assistant', content: 'yes' }];
    const failing = setup([Object.assign(new Error('openai: HTTP 400'), { code: 'llm_http' })]);
    failing.dispatcher.call(1, 'agents.turn', [turn({ memory: before })]);
    await until(() => result(failing.sent, 1) !== undefined, 'the answer');
    expect(result(failing.sent, 1)).toEqual({ type: 'rpc-result', id: 1, ok: true, value: { memory: before, error: "agent 'helper': openai: HTTP 400", code: 'llm_http' } });
  });

  it("holds the loop's own model and tool calls to the spell's permissions", async () => {
    const granted = { ...noPermissions(), llm: { providers: ['fake'], models: ['*'] } };
    const { dispatcher, sent, llm } = setup([{ toolCalls: [{ id: 'c', name: 'calculator', arguments: '{"expression":"1+1"}' }] }, { content: 'ok' }], guardBridges(ALL, granted, 'tight'));
    dispatcher.call(1, 'agents.turn', [turn()]);
    await until(() => result(sent, 1) !== undefined, 'the answer');
    expect(llm.requests[1]?.messages.at(-1)?.content).toMatch(/^\{"error":"permission denied: the manifest of 'tight' does not grant the built-in tool 'calculator'/);

    const none = setup([{ content: 'never' }], guardBridges(ALL, noPermissions(), 'silent'));
    none.dispatcher.call(1, 'agents.turn', [turn()]);
    await until(() => result(none.sent, 1) !== undefined, 'the answer');
    expect((result(none.sent, 1) as { value: { error: string; code: string } }).value).toMatchObject({
      error: "agent 'helper': permission denied: the manifest of 'silent' does not grant LLM access (add to spell.yaml: permissions: { llm: true })",
      code: 'permission_denied',
    });
    expect(none.llm.requests).toHaveLength(0);
  });

  it('ends the loop when the engine cancels the call while its tool runs: no more model calls, no answer', async () => {
    const { dispatcher, sent, llm } = setup([{ toolCalls: [{ id: 'c1', name: 'shout', arguments: '{}' }] }, { content: 'too late' }]);
    dispatcher.call(1, 'agents.turn', [turn()]);
    await until(() => requestsOf(sent, 1).length === 1, 'the tool request');
    dispatcher.cancel(1);
    dispatcher.call(2, 'agents.tool_result', [1, { content: '"x"' }]);
    await until(() => result(sent, 2) !== undefined, 'the late tool result');
    expect(result(sent, 2)).toMatchObject({ ok: true, value: false }); // nobody waits for it any more
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result(sent, 1)).toBeUndefined();
    expect(llm.requests).toHaveLength(1);
  });

  it("aborts the model call in flight when the run ends (stop, timeout)", async () => {
    const { dispatcher, sent, llm } = setup(['hang']);
    dispatcher.call(1, 'agents.turn', [turn({ stream: true })]);
    await until(() => llm.signals.length === 1, 'the model call');
    dispatcher.abortAll();
    expect(llm.signals[0]?.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);
    expect(llm.requests).toHaveLength(1);
  });

  it('says what is wrong with a bad request', async () => {
    const { dispatcher, sent } = setup([]);
    dispatcher.call(1, 'agents.turn', [{ ...turn(), max_steps: 0 }]);
    dispatcher.call(2, 'agents.tool_result', [1, { nope: 1 }]);
    await until(() => result(sent, 1) !== undefined && result(sent, 2) !== undefined, 'the answers');
    expect(result(sent, 1)).toMatchObject({ ok: false, error: 'agents.turn: request.max_steps must be a positive integer, got 0' });
    expect(result(sent, 2)).toMatchObject({ ok: false, error: expect.stringMatching(/^agents.tool_result: outcome/) });
  });
});
