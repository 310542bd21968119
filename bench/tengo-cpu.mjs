// The Tengo CPU suite: each workload of bench/workloads-tengo on our interpreter and, side by side in
// the same run, the same algorithm under native lua5.4 (the yardstick: the reference Go
// Tengo runs fib(32) about 4x slower than lua5.4; ours should be at most 3x). Run alone:
// `node bench/tengo-cpu.mjs` (needs nothing built: the driver is bundled here).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchEntries, root } from './build-drivers.mjs';
import { best, ms, ratio, run, verdict } from './stats.mjs';

const REPS = 5;
const TARGET = 3;
const WORKLOADS = [
  ['fib', 'fib(32) recursion'],
  ['mix', 'strings/arrays/maps mix'],
];

async function native(file) {
  try {
    const out = await run('lua5.4', [path.join(root, 'bench', 'native-timer.lua'), file, String(REPS)]);
    return {
      ms: best([...out.matchAll(/^ms (\S+)$/gm)].map((m) => Number(m[1]))),
      output: (out.match(/^out (.*)$/m)?.[1] ?? '').replaceAll('\\n', '\n'),
    };
  } catch {
    return undefined;
  }
}

/** Runs the suite; returns the lines to print. */
export async function benchTengo() {
  const { 'bench-tengo-cpu': driver } = await buildBenchEntries({ 'bench-tengo-cpu': 'bench/tengo-cpu.ts' });
  const dir = path.join(root, 'bench', 'workloads-tengo');
  const ours = JSON.parse((await run(process.execPath, [driver, dir, String(REPS)], { cwd: root })).trim().split('\n').at(-1));
  const cell = (c, i, w) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]));
  const widths = [26, 9, 9, 9, 13, 13];
  const row = (cells) => cells.map((c, i) => cell(c, i, widths)).join(' ');
  const lines = [
    'Tengo CPU suite: our interpreter against native lua5.4 running the same algorithm, in this run.',
    `  CPU time (user + system) of compile + run; warm = best of ${REPS} later runs in one process, cold = the first;`,
    `  native = lua5.4 os.clock around load + run, best of ${REPS}. Target: warm at most ${TARGET}x native.`,
    '',
    row(['workload', 'native', 'warm', 'cold', 'warm/native', 'cold/native']),
  ];
  for (const [name, label] of WORKLOADS) {
    const w = ours.workloads.find((x) => x.name === name);
    const ref = await native(path.join(dir, `${name}.lua`));
    const warm = best(w.warmMs);
    if (!ref) {
      lines.push(row([label, '-', ms(warm), ms(w.coldMs), '-', '-']));
      continue;
    }
    lines.push(row([label, ms(ref.ms), ms(warm), ms(w.coldMs), `${ratio(warm / ref.ms)} ${verdict(warm / ref.ms, TARGET)}`, ratio(w.coldMs / ref.ms)]));
    if (ref.output !== w.output) lines.push(`  note: ${name} output differs (lua ${JSON.stringify(ref.output)}, tengo ${JSON.stringify(w.output)})`);
  }
  const g = ours.generators;
  lines.push(
    '',
    'Design measurements (why bridge calls block a worker instead of suspending the interpreter):',
    `  JS fib(27) through generators (yield*, what suspending every call would need): ${ratio(g.generatorMs / g.plainMs)} plain recursion (${ms(g.generatorMs)} vs ${ms(g.plainMs)})`,
    `  a synchronous bridge call from a worker blocked in Atomics.wait: ${ours.roundTripUs.toFixed(1)} µs per round trip`,
  );
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchTengo()) console.log(line);
}
