import { describe, expect, it } from 'vitest';
import { abandonTurn, agentRequest, beginTurn, parseArguments, recordToolResult, takeReply, type AgentMessage } from '../../../runtime/agents/agent-step';

describe('the shared agent step', () => {
  it('records a tool-calling reply, the tool outcomes, then the answer', () => {
    const memory: AgentMessage[] = [];
    beginTurn(memory, 'add 2 and 3');
    expect(agentRequest(memory, { system: 'be brief', tools: [] })).toEqual({ messages: memory, system: 'be brief' });
    const call = { id: 'c1', name: 'calculator', arguments: '{"expression":"2+3"}' };
    expect(takeReply(memory, { content: null, toolCalls: [call] })).toEqual({ kind: 'tools', calls: [call] });
    const args = parseArguments(call);
    expect(args).toEqual({ ok: true, params: { expression: '2+3' } });
    recordToolResult(memory, call, { value: { result: 5 } });
    recordToolResult(memory, { ...call, id: 'c2' }, { error: 'no such tool' });
    expect(takeReply(memory, { content: '5' })).toEqual({ kind: 'answer', content: '5' });
    expect(memory).toEqual([
      { role: 'user', content: 'add 2 and 3' },
      { role: 'assistant', content: '', tool_calls: [call] },
      { role: 'tool', tool_call_id: 'c1', content: '{"result":5}' },
      { role: 'tool', tool_call_id: 'c2', content: '{"error":"no such tool"}' },
      { role: 'assistant', content: '5' },
    ]);
  });

  it('reads empty arguments as {} and reports arguments that are not JSON', () => {
    expect(parseArguments({ id: 'a', name: 't', arguments: ' ' })).toEqual({ ok: true, params: {} });
    const bad = parseArguments({ id: 'a', name: 't', arguments: '{oops' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^arguments are not valid JSON: /);
  });

  it('forgets the unanswered input when the model call fails', () => {
    const memory: AgentMessage[] = [];
    beginTurn(memory, 'hi');
    abandonTurn(memory);
    expect(memory).toEqual([]);
  });
});
