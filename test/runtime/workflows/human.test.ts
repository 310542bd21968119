import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { terminalHumanInput } from '../../../runtime/cli/terminal-human-input';
import type { HumanInputRequest } from '../../../runtime/contract/workflow-events';
import { LineInput } from '../../../runtime/services/line-input';
import type { HumanInput } from '../../../runtime/workflows/host';
import { HumanRequests } from '../../../runtime/workflows/human-requests';
import { convertAnswer } from '../../../runtime/workflows/nodes/human';
import { ofType, runFile, workflowFolder } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());

const flow = `name: ask
inputs:
  topic: { type: string, default: tides }
nodes:
  - { id: name, type: human, config: { prompt: "Your name, please ({{topic}})?" } }
  - { id: level, type: human, config: { prompt: Level?, kind: choice, choices: [easy, hard], default: easy } }
  - { id: sure, type: human, config: { prompt: Sure?, kind: boolean } }
  - { id: hello, type: transform, config: { template: "{{who}} / {{lvl}} / {{ok}}" } }
edges:
  - { from: name, to: level.who }
  - { from: name, to: hello.who }
  - { from: level, to: hello.lvl }
  - { from: level, to: sure.x }
  - { from: sure, to: hello.ok }
`;

describe('human node', () => {
  it('asks the run\'s provider, in order, and converts the answers to the asked kind', async () => {
    const asked: HumanInputRequest[] = [];
    const answers = ['Ada', '2', 'yes'];
    const human: HumanInput = { ask: async (request) => (asked.push(request), answers.shift()!) };
    const { outcome, events } = await runFile(folder.write('ask.workflow.yaml', flow), { host: { human } });
    expect(outcome.outputs).toEqual({ hello: 'Ada / hard / true' });
    expect(asked.map((r) => [r.nodeId, r.prompt, r.kind])).toEqual([
      ['name', 'Your name, please (tides)?', 'text'],
      ['level', 'Level?', 'choice'],
      ['sure', 'Sure?', 'boolean'],
    ]);
    expect(ofType(events, 'input-requested').map((e) => e.request.requestId)).toEqual(asked.map((r) => r.requestId));
  });

  it('asks on the terminal, asking again after a wrong answer', async () => {
    const lines = new LineInput();
    const stderr = new PassThrough();
    let shown = '';
    stderr.on('data', (d: Buffer) => (shown += d.toString()));
    lines.push('Grace\n\nmaybe\nno\n');
    const { outcome } = await runFile(folder.write('ask2.workflow.yaml', flow), { host: { human: terminalHumanInput(lines, stderr) } });
    expect(outcome.outputs).toEqual({ hello: 'Grace / easy / false' });
    expect(shown).toBe('? Your name, please (tides)? ? Level? [1) easy  2) hard] (default: easy) ? Sure? [y/n] expected yes or no, got "maybe"\n? Sure? [y/n] '.replace('expected', '  expected'));
  });

  it('fails without a provider, and when input ends', async () => {
    const none = await runFile(folder.write('ask3.workflow.yaml', flow));
    expect(none.outcome.error?.message).toMatch(/^node 'name' \(human\): no one to ask/);
    const lines = new LineInput();
    lines.end();
    const ended = await runFile(folder.write('ask4.workflow.yaml', flow), { host: { human: terminalHumanInput(lines, new PassThrough()) } });
    expect(ended.outcome.error?.message).toBe('node \'name\' (human): no answer to "Your name, please (tides)?": standard input ended');
  });

  it('converts answers by kind', () => {
    const request = (kind: HumanInputRequest['kind'], extra: Partial<HumanInputRequest> = {}): HumanInputRequest => ({ requestId: 'r', nodeId: 'n', prompt: 'p', kind, ...extra });
    expect(convertAnswer(request('number'), ' 4.5 ')).toBe(4.5);
    expect(() => convertAnswer(request('number'), 'four')).toThrow('expected a number, got "four"');
    expect(convertAnswer(request('choice', { choices: ['Red', 'Blue'] }), 'blue')).toBe('Blue');
    expect(convertAnswer(request('text', { default: 'd' }), '')).toBe('d');
  });
});

describe('HumanRequests (for the studio form)', () => {
  it('parks requests until answered by id, and drops them on cancel', async () => {
    const requests = new HumanRequests();
    const seen: string[] = [];
    const controller = new AbortController();
    const file = folder.write('ask5.workflow.yaml', flow);
    const running = runFile(file, { host: { human: requests }, signal: controller.signal, onEvent: (event) => {
      if (event.type !== 'input-requested') return;
      const answer = { name: 'Lin', level: 'hard', sure: 'y' }[event.nodeId]!;
      setTimeout(() => {
        seen.push(requests.pending().map((r) => r.nodeId).join());
        requests.answer(event.request.requestId, answer);
      }, 5);
    } });
    expect((await running).outcome.outputs).toEqual({ hello: 'Lin / hard / true' });
    expect(seen).toEqual(['name', 'level', 'sure']);
    expect(requests.answer('nope', 'x')).toBe(false);

    const stuck = new HumanRequests();
    const pending = runFile(file, { host: { human: stuck }, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stuck.pending()).toHaveLength(1);
    controller.abort();
    expect((await pending).outcome.error?.code).toBe('stopped');
    expect(stuck.pending()).toEqual([]);
  });
});
