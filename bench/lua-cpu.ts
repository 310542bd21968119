/**
 * Times one Lua workload in our engine, in a fresh process: `node lua-cpu.js <workload.lua> <reps>`.
 * Prints one JSON line: the first (cold) run, then `reps` warm runs, each on a fresh LuaEngine as a
 * real run gets. Each warm run is followed by the same code on a bare wasmoon engine (no sandbox,
 * no allocation tracing, no budget hook) to show what our layer costs on top of wasmoon itself.
 * Only `engine.run` is timed (compile + run of the spell); engine creation is the pool's job.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LuaFactory } from 'wasmoon';
import { LuaEngine } from '../runtime/engines/lua/lua-engine';
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import { BenchHost } from './bench-host';

const [file, repsText = '5'] = process.argv.slice(2);
if (!file) throw new Error('usage: lua-cpu <workload.lua> [reps]');
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

async function runBare(): Promise<number> {
  const vm = await factory.createEngine();
  vm.global.set('print', () => {});
  const t0 = performance.now();
  vm.doStringSync(code);
  const ms = performance.now() - t0;
  vm.global.close();
  return ms;
}

// Like a pooled engine process: the first VM is booted before the spell arrives.
const createStart = performance.now();
const first = await LuaEngine.create(factory);
const firstCreateMs = performance.now() - createStart;

const cold = await runOurs(first);
const warmMs: number[] = [];
const bareMs: number[] = [];
for (let i = 0; i < Number(repsText); i++) {
  const warm = await runOurs();
  if (warm.output !== cold.output) throw new Error(`output changed between runs: ${JSON.stringify(warm.output)}`);
  warmMs.push(warm.ms);
  bareMs.push(await runBare());
}
process.stdout.write(`${JSON.stringify({ firstCreateMs, coldMs: cold.ms, warmMs, bareMs, output: cold.output })}\n`);
