/**
 * Times one Lua workload in our engine, in a fresh process, with the run's limits enforced as an
 * engine process enforces them (the wasm heap cap and the watchdog thread's deadline):
 *   node lua-cpu.js <workload.lua> <reps> [idleMs]
 * Boots a VM first (as a pooled engine process does), optionally sits idle `idleMs`, then times the
 * first run (cold) and `reps` warm runs, each on a fresh LuaEngine as a real run gets. Each warm run
 * is followed by the same code on bare wasmoon engines — as is, with allocation tracing, with a
 * budget-style count hook — to show where our layer's time goes. Only `engine.run` /
 * `doStringSync` is timed (compile + run); engine creation is the pool's job. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { capWasmHeapGrowth, installWasmHeapCap } from '../runtime/host/wasm-heap-cap';
import { tuneWasmCompiler } from '../runtime/host/wasm-compiler';
import { Watchdog } from '../runtime/host/watchdog';
import { wasmoon } from '../runtime/engines/lua/wasmoon';
import { LuaEngine } from '../runtime/engines/lua/lua-engine';
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import { BenchHost } from './bench-host';

// before the wasm glue loads, as in engine-process.ts (the bare columns get the same compiler flags)
tuneWasmCompiler();
installWasmHeapCap();
const { LuaFactory } = wasmoon;

/**
 * Milliseconds of this process's CPU time (all threads), the measure native-timer.lua's os.clock
 * takes: on a shared, busy machine wall time would count the time others had the cores.
 */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
const watchdog = new Watchdog();
watchdog.start();

const [file, repsText = '5', idleText = '0'] = process.argv.slice(2);
if (!file) throw new Error('usage: lua-cpu <workload.lua> [reps] [idleMs]');
const code = readFileSync(file, 'utf8');
const fileName = path.basename(file);
const factory = new LuaFactory();

async function runOurs(ready?: LuaEngine): Promise<{ ms: number; output: string }> {
  const engine = ready ?? (await LuaEngine.create(factory));
  const host = new BenchHost();
  capWasmHeapGrowth(DEFAULT_LIMITS.memoryBytes, (buffer) => engine.ownsHeap(buffer));
  watchdog.arm(Date.now() + DEFAULT_LIMITS.timeoutMs, () => engine.interrupt());
  const t0 = cpuNow();
  await engine.run({ code, fileName, params: {}, limits: DEFAULT_LIMITS }, host);
  const ms = cpuNow() - t0;
  engine.close();
  return { ms, output: host.output };
}

/** The old budget hook (and the opt-in limits.instructions one), reduced to its cost: a count hook calling into JS every 10000. */
const HOOK = 'local check = __check; __check = nil; debug.sethook(function() check() end, "", 10000); ';

async function runBare(options: { traceAllocations?: boolean; hook?: boolean }): Promise<number> {
  const vm = await factory.createEngine({ traceAllocations: options.traceAllocations ?? false });
  vm.global.set('print', () => {});
  vm.global.set('__check', () => undefined);
  const source = options.hook ? HOOK + code : code;
  const t0 = cpuNow();
  vm.doStringSync(source);
  const ms = cpuNow() - t0;
  vm.global.close();
  return ms;
}

const createStart = performance.now();
const first = await LuaEngine.create(factory);
const firstCreateMs = performance.now() - createStart;
if (Number(idleText) > 0) await new Promise((resolve) => setTimeout(resolve, Number(idleText)));

const cold = await runOurs(first);
const warmMs: number[] = [];
const bare = { plain: [] as number[], traced: [] as number[], hooked: [] as number[] };
for (let i = 0; i < Number(repsText); i++) {
  const warm = await runOurs();
  if (warm.output !== cold.output) throw new Error(`output changed between runs: ${JSON.stringify(warm.output)}`);
  warmMs.push(warm.ms);
  bare.plain.push(await runBare({}));
  bare.traced.push(await runBare({ traceAllocations: true }));
  bare.hooked.push(await runBare({ hook: true }));
}
process.stdout.write(`${JSON.stringify({ firstCreateMs, coldMs: cold.ms, warmMs, bare, output: cold.output })}\n`);
