/**
 * The JavaScript CPU suite's driver, run in a fresh process by bench/js-cpu.mjs:
 *   node dist/bench-js-cpu.js <workloads-dir> <reps>
 * Times QuickJS's boot (wasm module, then runtime + context + prelude), then each workload: the first
 * run in this fresh process (cold, wasm still tiering up), the best of `reps` runs each on a fresh
 * JsEngine (warm, as a pooled engine process gets), and the same module in this process's V8 (a
 * fresh `import()` per rep: compile + run, like `engine.run`). Prints one JSON line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS } from '../runtime/contract/limits';
import { JsEngine, loadQuickJs } from '../runtime/engines/js/js-engine';
import { BenchHost } from './bench-host';

const [dir, repsText = '5'] = process.argv.slice(2);
if (!dir) throw new Error('usage: js-cpu <workloads-dir> [reps]');
const reps = Number(repsText);

const t0 = performance.now();
const module = await loadQuickJs();
const moduleMs = performance.now() - t0;
const t1 = performance.now();
let fresh: JsEngine | undefined = JsEngine.create(module);
const engineMs = performance.now() - t1;
const t2 = performance.now();
JsEngine.create(module).close();
const nextEngineMs = performance.now() - t2;

async function ours(code: string, fileName: string): Promise<{ ms: number; result: unknown }> {
  const engine = fresh ?? JsEngine.create(module);
  fresh = undefined;
  const started = performance.now();
  const result = await engine.run({ code, fileName, params: {}, limits: DEFAULT_LIMITS }, new BenchHost());
  const ms = performance.now() - started;
  engine.close();
  return { ms, result };
}

async function v8(file: string, rep: number): Promise<{ ms: number; result: unknown }> {
  const url = `${pathToFileURL(file).href}?rep=${rep}`;
  const started = performance.now();
  const result = ((await import(url)) as { default: unknown }).default;
  return { ms: performance.now() - started, result };
}

const workloads = [];
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js')).sort((a, b) => (a === 'fib.js' ? -1 : b === 'fib.js' ? 1 : a.localeCompare(b)))) {
  const file = path.join(dir, name);
  const code = readFileSync(file, 'utf8');
  const cold = await ours(code, name);
  const warm: number[] = [];
  const node: number[] = [];
  let nodeResult: unknown;
  for (let i = 0; i < reps; i++) {
    const run = await ours(code, name);
    if (JSON.stringify(run.result) !== JSON.stringify(cold.result)) throw new Error(`${name}: result changed between runs`);
    warm.push(run.ms);
    const ref = await v8(file, i);
    nodeResult = ref.result;
    node.push(ref.ms);
  }
  workloads.push({ name: name.replace(/\.js$/, ''), coldMs: cold.ms, warmMs: Math.min(...warm), v8Ms: Math.min(...node), same: JSON.stringify(nodeResult) === JSON.stringify(cold.result) });
}
process.stdout.write(`${JSON.stringify({ moduleMs, engineMs, nextEngineMs, workloads })}\n`);
