// The JavaScript CPU suite: each workload of bench/workloads-js in our QuickJS engine and in plain
// Node (V8), measured in the same run, plus QuickJS's boot time and run start latency of both
// engines through the supervisor. `benchJs()` returns printable lines, e.g.
//   import { benchJs } from './js-cpu.mjs'; for (const line of await benchJs()) console.log(line);
// (needs dist/ built: `npm run build`). Run alone: `node bench/js-cpu.mjs`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { buildBenchEntries, root } from './build-drivers.mjs';
const REPS = 5;

const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const ratio = (x) => `${x.toFixed(x < 10 ? 1 : 0)}x`;
const geomean = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' ');

async function buildDrivers() {
  await buildBenchEntries({ 'bench-js-cpu': 'bench/js-cpu-driver.ts', 'bench-js-start': 'bench/js-start-driver.ts' });
}

async function runJson(driver, args) {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'dist', driver), ...args], { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

/** Runs the suite; returns the lines to print. */
export async function benchJs() {
  await buildDrivers();
  const cpu = await runJson('bench-js-cpu.js', [path.join(root, 'bench', 'workloads-js'), String(REPS)]);
  const start = await runJson('bench-js-start.js', []);
  const widths = [10, 9, 10, 10, 10, 10];
  const lines = [
    'JavaScript CPU suite: our QuickJS engine against plain Node (V8) in the same run.',
    `  warm = best of ${REPS} runs, each on a fresh JsEngine (compile + run); cold = the first run in a fresh process;`,
    `  v8 = best of ${REPS} fresh import()s of the same module in Node (compile + run).`,
    '',
    row(['workload', 'v8', 'warm', 'cold', 'warm/v8', 'cold/v8'], widths),
  ];
  for (const w of cpu.workloads) {
    lines.push(row([w.name, ms(w.v8Ms), ms(w.warmMs), ms(w.coldMs), ratio(w.warmMs / w.v8Ms), ratio(w.coldMs / w.v8Ms)], widths));
    if (!w.same) lines.push(`  note: ${w.name} gave a different result in V8`);
  }
  const gm = (key) => geomean(cpu.workloads.map((w) => w[key] / w.v8Ms));
  lines.push(row(['geomean', '', '', '', ratio(gm('warmMs')), ratio(gm('coldMs'))], widths));
  lines.push(
    '',
    `QuickJS boot: wasm module ${ms(cpu.moduleMs)}, first runtime + context + prelude ${ms(cpu.engineMs)}, next one ${ms(cpu.nextEngineMs)}.`,
    `Run start latency (request to first instruction, median of ${start.reps}):`,
    `  warm pool (process booted, idle ${start.idleMs} ms): lua ${ms(start.pooled.lua)}, javascript ${ms(start.pooled.javascript)}`,
    `  fresh process (spawn + boot + run):            lua ${ms(start.fresh.lua)}, javascript ${ms(start.fresh.javascript)}`,
  );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchJs()) console.log(line);
}
