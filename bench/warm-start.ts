/**
 * Run start latency with a warm pool, in this process as the studio host would see it: a Supervisor
 * keeps one engine process booted; each run's latency is from `supervisor.run()` to the `started`
 * event (the spell's first instruction). The first run, which finds no booted process yet, is
 * reported apart. Prints one JSON line with every sample.
 * Usage: `node warm-start.js <runs>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Supervisor } from '../runtime/host/supervisor';
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import type { RunOutcome } from '../runtime/contract/run-events';

const runs = Number(process.argv[2] ?? '10');
const spell = { engine: 'lua' as const, fileName: 'first.lua', code: 'print("first")' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function oneRun(supervisor: Supervisor): Promise<{ ms: number; outcome: RunOutcome }> {
  let startedAt: number | undefined;
  const t0 = performance.now();
  const controller = supervisor.run(
    { spell, spellName: 'first', params: {}, limits: DEFAULT_LIMITS },
    { bridges: {}, services: {}, onEvent: (event) => void (event.type === 'started' && (startedAt ??= performance.now())) },
  );
  const outcome = await controller.done;
  if (!outcome.ok || startedAt === undefined) throw new Error(`run failed: ${outcome.error?.message ?? 'never started'}`);
  return { ms: startedAt - t0, outcome };
}

/** Resident MB of this process's engine children that sit idle in the pool (Linux /proc). */
function idleEngineRssMb(): number[] {
  const rss: number[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (!new RegExp(`^PPid:\\s+${process.pid}$`, 'm').test(status)) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('engine-process.cjs')) continue;
      rss.push(Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // gone meanwhile
    }
  }
  return rss;
}

const supervisor = new Supervisor({ poolSize: 1 });
try {
  // The first run waits for the first process to boot: the in-process cold start, reported apart.
  const first = await oneRun(supervisor);
  const samples: number[] = [];
  const reported: number[] = [];
  const idleRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    await supervisor.ready();
    await sleep(300); // let the fresh process settle (its boot GC, JIT) before taking it
    if (i % 3 === 0) {
      await sleep(1500); // the idle process has prepared its QuickJS VM and watchdog by now
      idleRss.push(...idleEngineRssMb());
    }
    const { ms, outcome } = await oneRun(supervisor);
    samples.push(ms);
    if (outcome.startLatencyMs !== undefined) reported.push(outcome.startLatencyMs);
  }
  process.stdout.write(`${JSON.stringify({ firstMs: first.ms, samples, reported, idleRss })}\n`);
} finally {
  await supervisor.close();
}
