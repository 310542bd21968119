import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../runtime/contract/run-events';
import { Supervisor, type RunSpec } from '../../../runtime/host/supervisor';
import type { BridgeHandlers } from '../../../runtime/bridges/types';
import { isAlive } from '../../helpers/processes';

const supervisors: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.close()));
});

function makeSupervisor(poolSize = 1): Supervisor {
  const supervisor = new Supervisor({ poolSize });
  supervisors.push(supervisor);
  return supervisor;
}

function spec(code: string, limits = { timeoutMs: 10_000, memoryBytes: 64 * 2 ** 20 }): RunSpec {
  return { spell: { engine: 'lua', fileName: 'test.lua', code }, spellName: 'test', params: {}, limits };
}

function collect(events: RunEvent[]) {
  return (event: RunEvent) => events.push(event);
}

const noBridges = { bridges: {} as BridgeHandlers, services: {} };

describe('Supervisor', () => {
  it('runs a spell and reports the event stream in order', async () => {
    const events: RunEvent[] = [];
    const run = makeSupervisor().run(spec('print("a") print("b")'), { ...noBridges, onEvent: collect(events) });
    const outcome = await run.done;
    expect(outcome.ok).toBe(true);
    expect(outcome.startLatencyMs).toBeGreaterThan(0);
    expect(events.map((e) => e.type)).toEqual(['started', 'output', 'finished']);
    expect(events[1]).toMatchObject({ type: 'output', stream: 'stdout', text: 'a\nb\n' });
  });

  it('delivers every line of a flood and the end even when the host reads late (the engine leaves once its messages left)', async () => {
    const events: RunEvent[] = [];
    let blocked = false;
    const lines = 20_000;
    const run = makeSupervisor().run(spec(`for i = 1, ${lines} do print(string.rep("x", 90) .. i) end`), {
      ...noBridges,
      onEvent: (event) => {
        events.push(event);
        // The host's loop stalls at the first output: the engine's IPC writes pile up meanwhile.
        if (event.type === 'output' && !blocked) {
          blocked = true;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
        }
      },
    });
    const outcome = await run.done;
    expect(outcome.ok).toBe(true);
    const text = events.flatMap((e) => (e.type === 'output' ? [e.text] : [])).join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(lines);
  });

  it('reports an engine process killed mid-run as an error for that run only', async () => {
    const supervisor = makeSupervisor();
    const run = supervisor.run(spec('while true do end'), {
      ...noBridges,
      onEvent: (event) => {
        // Kill every engine process of ours: the one running the spell and the pool's replacement.
        if (event.type === 'started') for (const child of childEnginePids()) process.kill(child, 'SIGKILL');
      },
    });
    const outcome = await run.done;
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.code).toBe('crashed');
    expect(outcome.error?.message).toContain('engine process was killed by SIGKILL before the spell finished');
    // The host goes on: the next run works.
    expect((await supervisor.run(spec('print(1)'), noBridges).done).ok).toBe(true);
  });

  it('forks the pool\'s replacement only once the run has started, so its boot does not slow that start', async () => {
    const supervisor = makeSupervisor();
    await supervisor.ready();
    const [pooled] = childEnginePids();
    let atStart: number[] = [];
    const run = supervisor.run(spec('print(1)'), { ...noBridges, onEvent: (event) => void (event.type === 'started' && (atStart = childEnginePids())) });
    expect(childEnginePids()).toEqual([pooled]);
    expect((await run.done).ok).toBe(true);
    expect(atStart).toEqual([pooled]);
    await supervisor.ready();
    const after = childEnginePids();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(pooled);
  });

  it('has its pooled processes make a QuickJS VM ahead only once it has run a JavaScript spell', async () => {
    const supervisor = makeSupervisor();
    const preparesJs = async () => {
      await supervisor.ready();
      const [pid] = childEnginePids();
      return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes('LLMSPELL_ENGINE_PREPARE_JS=1');
    };
    expect(await preparesJs()).toBe(false);
    expect((await supervisor.run(spec('print(1)'), noBridges).done).ok).toBe(true);
    expect(await preparesJs()).toBe(false);
    const js = { spell: { engine: 'javascript' as const, fileName: 'test.js', code: 'console.log(1)' }, spellName: 'test', params: {}, limits: { timeoutMs: 10_000, memoryBytes: 64 * 2 ** 20 } };
    expect((await supervisor.run(js, noBridges).done).ok).toBe(true);
    expect(await preparesJs()).toBe(true);
    // and such a process still starts a JS spell
    expect((await supervisor.run(js, noBridges).done).ok).toBe(true);
  });

  it('starts a run in a fresh process when the pooled one died while idle', async () => {
    const supervisor = makeSupervisor();
    await supervisor.ready();
    for (const child of childEnginePids()) process.kill(child, 'SIGKILL');
    const outcome = await supervisor.run(spec('print("still fine")'), noBridges).done;
    expect(outcome.ok).toBe(true);
  });

  it('stops a run politely, then kills a spell that does not listen', async () => {
    const supervisor = makeSupervisor();
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    const run = supervisor.run(spec('while true do end', { timeoutMs: 60_000, memoryBytes: 2 ** 26 }), {
      ...noBridges,
      onEvent: (event) => event.type === 'started' && started(),
    });
    await isStarted;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stoppedAt = Date.now();
    run.stop();
    const outcome = await run.done;
    expect(outcome.error).toMatchObject({ code: 'stopped', message: 'stopped by the user' });
    // A busy VM cannot read the polite message: SIGKILL one second later ends it.
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(900);
    expect(Date.now() - stoppedAt).toBeLessThan(2500);
  });

  it('stops a waiting spell at once', async () => {
    const slow: BridgeHandlers = { 'llm.chat': () => new Promise((resolve) => setTimeout(resolve, 30_000)) };
    const supervisor = makeSupervisor();
    const calls: RunEvent[] = [];
    const waiting = supervisor.run(spec('print(llm.chat("wait for me"))'), { bridges: slow, services: {}, onEvent: collect(calls) });
    while (!calls.some((e) => e.type === 'started')) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stoppedAt = Date.now();
    waiting.stop();
    const outcome = await waiting.done;
    expect(outcome.error?.code).toBe('stopped');
    expect(Date.now() - stoppedAt).toBeLessThan(900);
  });

  it('never reuses a process and leaves none behind after close', async () => {
    const supervisor = new Supervisor({ poolSize: 2 });
    const pids = new Set<number>();
    for (let i = 0; i < 3; i++) {
      await supervisor.run(spec('print(1)'), noBridges).done;
      for (const pid of childEnginePids()) pids.add(pid);
    }
    expect(pids.size).toBeGreaterThanOrEqual(3);
    await supervisor.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    expect(childEnginePids()).toEqual([]);
  });

  it('starts engine processes with a scrubbed environment', async () => {
    process.env.OPENAI_API_KEY = 'sk-test-secret-never-in-engine';
    process.env.LD_PRELOAD = '/tmp/evil.so';
    try {
      const supervisor = makeSupervisor();
      const run = supervisor.run(spec('while true do end', { timeoutMs: 5000, memoryBytes: 2 ** 26 }), noBridges);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const pids = childEnginePids();
      expect(pids.length).toBeGreaterThan(0);
      for (const pid of pids) {
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
        expect(environ).not.toContain('sk-test-secret');
        expect(environ).not.toContain('LD_PRELOAD');
        expect(environ).not.toContain('NODE_OPTIONS');
      }
      run.stop();
      await run.done;
    } finally {
      delete process.env.OPENAI_API_KEY;
      delete process.env.LD_PRELOAD;
    }
  });

  it('answers an unknown bridge method with an error the spell sees', async () => {
    const events: RunEvent[] = [];
    const outcome = await makeSupervisor().run(spec(CALL_UNKNOWN), { ...noBridges, onEvent: collect(events) }).done;
    expect(outcome.ok).toBe(true);
    expect(events.find((e) => e.type === 'output')).toMatchObject({ text: "nil\tunknown bridge function 'llm.chat'\n" });
  });
});

// With no llm bridge registered on the host, the spell's call reaches an unknown method.
const CALL_UNKNOWN = 'print(llm.chat("anyone?"))';

/** Engine processes that are children of this test process. */
function childEnginePids(): number[] {
  const pids: number[] = [];
  for (const line of readFileSync('/proc/self/task/' + process.pid + '/children', 'utf8').trim().split(/\s+/)) {
    if (!line) continue;
    try {
      if (readFileSync(`/proc/${line}/cmdline`, 'utf8').includes('engine-process.cjs')) pids.push(Number(line));
    } catch {
      // gone
    }
  }
  return pids;
}
