/**
 * Times one Lua workload in our engine, in a fresh process:
 *   node lua-cpu.js <workload.lua> <reps> [idleMs]
 * Boots a VM first (as a pooled engine process does), optionally sits idle `idleMs`, then times the
 * first run (cold) and `reps` warm runs, each on a fresh LuaEngine as a real run gets. Each warm run
 * is followed by the same code on bare wasmoon engines — as is, with allocation tracing, with a
 * budget-style count hook — to show where our layer's time goes. Only `engine.run` /
 * `doStringSync` is timed (compile + run); engine creation is the pool's job. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LuaFactory } from 'wasmoon';
import { LuaEngine } from '../runtime/engines/lua/lua-engine';
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import { BenchHost } from './bench-host';

const [file, repsText = '5', idleText = '0'] = process.argv.slice(2);
if (!file) throw new Error('usage: lua-cpu <workload.lua> [reps] [idleMs]');
const code = readFileSync(file, 'utf8');
const fileName = path.basename(file);
const factory = new LuaFactory();

async function runOurs(ready?: LuaEngine): Promise<{ ms: number; output: string }> {
  const engine = ready ?? (await LuaEngine.create(factory));
  const host = new BenchHost();
  const t0 = performance.now();
  await engine.run({ code, fileName, params: {}, limits: DEFAULT_LIMITS }, host);
  const ms = performance.now() - t0;
  engine.close();
  return { ms, output: host.output };
}

/** Our prelude's budget hook, reduced to its cost: a count hook calling into JS every 10000. */
const HOOK = 'local check = __check; __check = nil; debug.sethook(function() check() end, "", 10000); ';

async function runBare(options: { traceAllocations?: boolean; hook?: boolean }): Promise<number> {
  const vm = await factory.createEngine({ traceAllocations: options.traceAllocations ?? false });
  vm.global.set('print', () => {});
  vm.global.set('__check', () => undefined);
  const source = options.hook ? HOOK + code : code;
  const t0 = performance.now();
  vm.doStringSync(source);
  const ms = performance.now() - t0;
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
