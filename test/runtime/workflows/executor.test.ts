import { afterAll, describe, expect, it } from 'vitest';
import { WorkflowEvent } from '../../../runtime/contract/workflow-events';
import { WorkflowAbort } from '../../../runtime/workflows/util/abort';
import { ofType, runFile, scriptedLlm, workflowFolder, type ScriptedAnswer } from './workflow-harness';

const folder = workflowFolder();
afterAll(() => folder.remove());
let n = 0;
const run = (text: string, answer?: (prompt: string, call: number) => ScriptedAnswer, extra: Parameters<typeof runFile>[1] = {}) => {
  const llm = scriptedLlm(answer);
  return runFile(folder.write(`exec${++n}.workflow.yaml`, text), { ...extra, host: { llm: llm.llm, ...extra.host } }).then((r) => ({ ...r, llm }));
};

/** `count` llm nodes feeding one merge. */
const wide = (count: number, settings = '') => `name: wide
${settings}
nodes:
${Array.from({ length: count }, (_, i) => `  - { id: n${i}, type: llm, config: { prompt: "p${i}" } }`).join('\n')}
  - { id: all, type: merge }
edges:
${Array.from({ length: count }, (_, i) => `  - { from: n${i}, to: all }`).join('\n')}
`;

describe('scheduling', () => {
  it('runs independent nodes concurrently, up to the concurrency limit', async () => {
    const { outcome, llm } = await run(wide(12, 'settings: { concurrency: 4 }'), () => ({ delayMs: 20 }));
    expect(outcome.ok).toBe(true);
    expect(llm.peak).toBe(4);
    expect((outcome.outputs.all as unknown[]).length).toBe(12);
    const unlimited = await run(wide(12), () => ({ delayMs: 20 }), { concurrency: 50 });
    expect(unlimited.llm.peak).toBe(12);
  });

  it('starts a node as soon as its own inputs are ready, not when unrelated work ends', async () => {
    const { events } = await run(
      `name: ready
nodes:
  - { id: slow, type: llm, config: { prompt: slow } }
  - { id: fast, type: llm, config: { prompt: fast } }
  - { id: after, type: llm, config: { prompt: "after {{x}}" } }
edges:
  - { from: fast, to: after.x }
`,
      (p) => ({ delayMs: p === 'slow' ? 150 : 5 }),
    );
    const order = ofType(events, 'node-finished').map((e) => e.nodeId);
    expect(order).toEqual(['fast', 'after', 'slow']);
    for (const event of events) expect(WorkflowEvent.safeParse(event).success).toBe(true);
  });
});

describe('timeouts and retries', () => {
  it('times an attempt out, retries with a delay, and succeeds', async () => {
    const { outcome, events } = await run(
      'name: r\nnodes:\n  - { id: a, type: llm, timeout: 0.05, retry: { attempts: 2, delay: 0.01 }, config: { prompt: x } }\n',
      (_p, call) => (call < 3 ? { delayMs: 1000 } : { text: 'third time' }),
    );
    expect(outcome.outputs).toEqual({ a: 'third time' });
    const failures = ofType(events, 'node-failed');
    expect(failures.map((f) => [f.attempt, f.retrying, f.error.code])).toEqual([
      [1, true, 'timeout'],
      [2, true, 'timeout'],
    ]);
    expect(failures[0]?.error.message).toBe("node 'a' (llm): timed out after 0.05 s");
    expect(ofType(events, 'node-started').map((e) => e.attempt)).toEqual([1, 2, 3]);
  });

  it('gives up after the last retry with the error, its file and line', async () => {
    const { outcome } = await run('name: r\nnodes:\n  - id: a\n    type: llm\n    retry: 1\n    config: { prompt: x }\n', () => ({ fail: 'provider down' }));
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatchObject({ code: 'node_error', message: "node 'a' (llm): provider down", line: 3 });
    expect(outcome.error?.file).toMatch(/exec\d+\.workflow\.yaml$/);
  });
});

describe('failure policies', () => {
  const graph = (policy: string) => `name: p
nodes:
  - { id: bad, type: llm, on_error: ${policy}, config: { prompt: bad } }
  - { id: slow, type: llm, config: { prompt: slow } }
  - { id: next, type: transform, config: { template: "after {{x}}" } }
  - { id: rescue, type: transform, config: { template: "rescued: {{e.message}}" } }
edges:
  - { from: bad, to: next.x }
${policy === 'fallback' ? '  - { from: bad.error, to: rescue.e }' : ''}
`;
  const answers = (p: string): ScriptedAnswer => (p === 'bad' ? { fail: 'broken', delayMs: 5 } : { text: 'ok', delayMs: 200 });

  it('stop: ends the run and cancels the nodes still running', async () => {
    const { outcome, llm } = await run(graph('stop').replace(/\n {2}- \{ id: rescue.*\n/, '\n'), answers);
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toBe("node 'bad' (llm): broken");
    expect(llm.aborted).toEqual(['slow']);
  });

  it('continue: skips what depends on the failed node and finishes the rest', async () => {
    const { outcome, events } = await run(graph('continue').replace(/\n {2}- \{ id: rescue.*\n/, '\n'), answers);
    expect(outcome.ok).toBe(true);
    expect(outcome.failed).toEqual(['bad']);
    expect(outcome.outputs).toEqual({ slow: 'ok' });
    expect(ofType(events, 'node-skipped')).toMatchObject([{ nodeId: 'next', reason: 'no value from bad' }]);
    expect(ofType(events, 'node-failed')).toMatchObject([{ nodeId: 'bad', policy: 'continue', retrying: false }]);
  });

  it('fallback: sends the error down the error port', async () => {
    const { outcome } = await run(graph('fallback'), answers);
    expect(outcome.ok).toBe(true);
    expect(outcome.outputs).toEqual({ slow: 'ok', rescue: "rescued: node 'bad' (llm): broken" });
  });
});

describe('cancellation', () => {
  it('stops every running node when the signal aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new WorkflowAbort('interrupted')), 50);
    const started = performance.now();
    const { outcome, events, llm } = await run(wide(3), () => ({ delayMs: 5000 }), { signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'stopped', message: 'workflow stopped: interrupted' } });
    expect(llm.aborted.sort()).toEqual(['p0', 'p1', 'p2']);
    expect(events.at(-1)).toMatchObject({ type: 'run-finished', ok: false });
  });

  it('refuses --from a node that does not exist', async () => {
    await expect(run(wide(1), undefined, { from: 'nope' })).rejects.toThrow(/^--from nope: no such node in .*exec\d+\.workflow\.yaml \(nodes: n0, all\)$/);
  });
});
