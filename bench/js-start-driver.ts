/**
 * Run start latency of both engines through the real supervisor (bench/js-cpu.mjs runs this):
 * from the run request to the spell's first instruction, in a process booted and idle (a warm pool)
 * and in a process spawned for the run. Prints one JSON line.
 */
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import { Supervisor } from '../runtime/host/supervisor';

const REPS = 5;
const IDLE_MS = 500;
const SPELLS = {
  lua: { engine: 'lua' as const, fileName: 'first.lua', code: 'print("x")' },
  javascript: { engine: 'javascript' as const, fileName: 'first.js', code: 'console.log("x");' },
};

async function latency(engine: keyof typeof SPELLS, pooled: boolean): Promise<number> {
  const supervisor = new Supervisor({ poolSize: 1, refillPool: false });
  try {
    if (pooled) await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const controller = supervisor.run({ spell: SPELLS[engine], spellName: 'first', params: {}, limits: DEFAULT_LIMITS }, { bridges: {}, services: {} });
    const outcome = await controller.done;
    if (!outcome.ok || outcome.startLatencyMs === undefined) throw new Error(`${engine}: ${outcome.error?.message ?? 'no start'}`);
    return outcome.startLatencyMs;
  } finally {
    await supervisor.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result = { reps: REPS, idleMs: IDLE_MS, pooled: { lua: 0, javascript: 0 }, fresh: { lua: 0, javascript: 0 } };
for (const mode of ['pooled', 'fresh'] as const) {
  for (const engine of ['lua', 'javascript'] as const) {
    const times: number[] = [];
    for (let i = 0; i < REPS; i++) times.push(await latency(engine, mode === 'pooled'));
    result[mode][engine] = median(times);
  }
}
process.stdout.write(`${JSON.stringify(result)}\n`);
