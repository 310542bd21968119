// The Lua CPU suite: each workload under native lua5.4 and under our engine, in the same bench run.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './build-drivers.mjs';
import { buildGopherTimer, timeGopher } from './gopher.mjs';
import { best, geomean, median, ms, ratio, run, verdict } from './stats.mjs';
import { sideBySide } from './whole-process.mjs';

const WORKLOADS = [
  ['fib', 'fib(31) recursion'],
  ['strings', 'strings: format/concat/gsub/find'],
  ['sort', 'table.insert + sort (±comparator)'],
  ['closures', 'closures + upvalues'],
  ['oop', 'metatables + method calls'],
];
const REPS = 5;
/** Fresh processes per workload for the cold and the pooled numbers (each gives one first run). */
const FIRST_RUNS = 3;
/** How long a pooled process sits idle before its spell arrives, for the "pooled" column. */
const POOL_IDLE_MS = 1000;
/** In-run, warm, with the time and memory limits enforced: at most this many times native lua5.4. */
const WARM_TARGET = 1.4;
/** gopher-lua in-run time over ours, at least (geometric mean of the workloads it can run). */
const GOPHER_TARGET = 3;
/** A whole `llmspell run` of a workload taking about a second natively, over `lua5.4` of it. */
const WHOLE_TARGET = 2;
const WHOLE_RUNS = 5;

/** `Lua 5.4.x` from `lua5.4 -v`, or undefined when the command is missing. */
async function nativeVersion() {
  try {
    return (await run('lua5.4', ['-v'])).trim().split(/\s+/).slice(0, 2).join(' ');
  } catch {
    return undefined;
  }
}

async function timeNative(file) {
  const stdout = await run('lua5.4', [path.join(root, 'bench', 'native-timer.lua'), file, String(REPS)]);
  const times = [...stdout.matchAll(/^ms (\S+)$/gm)].map((m) => Number(m[1]));
  const output = (stdout.match(/^out (.*)$/m)?.[1] ?? '').replaceAll('\\n', '\n');
  return { ms: best(times), output };
}

async function timeOurs(driver, file) {
  const first = async (args) => JSON.parse(await run(process.execPath, [driver, file, ...args]));
  const r = await first([String(REPS)]);
  const cold = [r.coldMs];
  const pooled = [];
  for (let i = 1; i < FIRST_RUNS; i++) cold.push((await first(['0'])).coldMs);
  for (let i = 0; i < FIRST_RUNS; i++) pooled.push((await first(['0', String(POOL_IDLE_MS)])).coldMs);
  return {
    cold: median(cold),
    pooled: median(pooled),
    warm: best(r.warmMs),
    bare: best(r.bare.plain),
    traced: best(r.bare.traced),
    hooked: best(r.bare.hooked),
    output: r.output,
  };
}

function table(widths) {
  return (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' ');
}

export async function cpuSuite(drivers) {
  const native = await nativeVersion();
  const gopher = await buildGopherTimer();
  console.log(`Lua CPU suite. Time = CPU time of compile + run of the chunk (os.clock natively, process.cpuUsage in Node:`);
  console.log(`  the machine is shared), process start excluded; our runs enforce the default`);
  console.log(`  time and memory limits as an engine process does (wasm heap cap, watchdog thread; no instruction hook).`);
  console.log(`  warm   = best of ${REPS} later runs in one process, each on a fresh LuaEngine`);
  console.log(`  cold   = the first run in a fresh process whose VM was just booted (what \`llmspell run\` gets), median of ${FIRST_RUNS} processes`);
  console.log(`  pooled = the same after the booted VM sat idle ${POOL_IDLE_MS} ms (a warm pool's process), median of ${FIRST_RUNS} processes`);
  console.log(
    native
      ? `  native = ${native} (lua5.4), os.clock around load + run, best of ${REPS}`
      : '  lua5.4 is not installed (apt-get install lua5.4): native timings and ratios skipped.',
  );
  console.log(gopher.path ? `  gopher = gopher-lua (Debian build), DoString around compile + run, best of ${REPS}` : `  gopher: skipped, ${gopher.missing}`);
  const line = table([34, 8, 9, 9, 9, 16, 11, 13]);
  console.log(`\n${line(['workload', 'native', 'warm', 'cold', 'pooled', 'warm/native', 'cold/native', 'pooled/native'])}`);
  const rows = [];
  const notes = [];
  for (const [name, label] of WORKLOADS) {
    const file = path.join(root, 'bench', 'workloads', `${name}.lua`);
    const ours = await timeOurs(drivers.luaCpu, file);
    const ref = native ? await timeNative(file) : undefined;
    ours.gopher = gopher.path ? await timeGopher(gopher.path, file, REPS) : undefined;
    if (ref && ref.output !== ours.output) notes.push(`${name}: output differs (native ${JSON.stringify(ref.output)}, ours ${JSON.stringify(ours.output)})`);
    rows.push({ label, ours, ref });
    const r = (x) => (ref ? ratio(x / ref.ms) : '-');
    const warmRatio = ref ? `${r(ours.warm)} ${verdict(ours.warm / ref.ms, WARM_TARGET)}` : '-';
    console.log(line([label, ref ? ms(ref.ms) : '-', ms(ours.warm), ms(ours.cold), ms(ours.pooled), warmRatio, r(ours.cold), r(ours.pooled)]));
  }
  if (native) {
    const gm = (key) => geomean(rows.map((row) => row.ours[key] / row.ref.ms));
    const warm = gm('warm');
    console.log(line(['geometric mean', '', '', '', '', `${ratio(warm)} ${verdict(warm, WARM_TARGET)}`, ratio(gm('cold')), ratio(gm('pooled'))]));
    console.log(`target: in-run warm with limits enforced ≤ ${WARM_TARGET}x native (geometric mean) → ${verdict(warm, WARM_TARGET)} at ${ratio(warm)}; cold ${ratio(gm('cold'))} and pooled ${ratio(gm('pooled'))} have no target`);
  }
  for (const note of notes) console.log(`note: ${note}`);

  if (gopher.path) {
    console.log(`\ngopher-lua against ours (warm), in-run:`);
    const ran = [];
    for (const { label, ours } of rows) {
      if (ours.gopher?.ms === undefined) {
        console.log(`  ${label.padEnd(34)} gopher-lua failed: ${ours.gopher?.error ?? '?'}`);
        continue;
      }
      ran.push(ours.gopher.ms / ours.warm);
      console.log(`  ${label.padEnd(34)} gopher ${ms(ours.gopher.ms).padStart(9)}  ours ${ms(ours.warm).padStart(9)}  gopher/ours ${ratio(ours.gopher.ms / ours.warm)}`);
    }
    if (ran.length) {
      const gm = geomean(ran);
      console.log(`target: ours ≥ ${GOPHER_TARGET}x faster than gopher-lua (geometric mean of ${ran.length}) → ${gm >= GOPHER_TARGET ? 'PASS' : 'MISS'} at ${ratio(gm)}`);
    }
  }
  if (native) await wholeProcess(rows);

  // Where our layer's time goes, warm, on the same wasmoon module.
  const layer = table([34, 10, 16, 14, 10, 10]);
  console.log(`\nOur layer on top of wasmoon (warm, best of ${REPS}): bare; + allocation tracing (a JS allocator, the memory cap`);
  console.log(`we had before the wasm heap cap); + a count hook every 10000 instructions (the budget we had before the watchdog,`);
  console.log(`and what an opt-in limits.instructions costs); ours = sandbox, scheduler, heap cap and watchdog, no hook.`);
  console.log(layer(['workload', 'bare', '+alloc tracing', '+count hook', 'ours', 'ours/bare']));
  for (const { label, ours } of rows) {
    console.log(layer([label, ms(ours.bare), ms(ours.traced), ms(ours.hooked), ms(ours.warm), ratio(ours.warm / ours.bare)]));
  }
  if (native) {
    const bare = geomean(rows.map((row) => row.ours.bare / row.ref.ms));
    console.log(`bare wasmoon against native: geometric mean ${ratio(bare)}`);
  }
}

/**
 * The whole `llmspell run` (CLI start, engine process, limits, exit) of a mix of the suite's workloads
 * sized to about a second under lua5.4, against `lua5.4` running the same file, in turn.
 */
async function wholeProcess(rows) {
  const nativeRound = rows.reduce((sum, row) => sum + row.ref.ms, 0);
  const rounds = Math.max(1, Math.ceil(1000 / nativeRound)); // at least a second natively
  const parts = WORKLOADS.map(([name]) => {
    const source = readFileSync(path.join(root, 'bench', 'workloads', `${name}.lua`), 'utf8');
    return `do\n  local function workload()\n${source}\n  end\n  for _ = 1, ${rounds} do workload() end\nend`;
  });
  const file = path.join(root, 'dist', 'bench-mix.lua');
  writeFileSync(file, `-- The Lua CPU suite's workloads, ${rounds} round(s) each (written by bench/cpu-suite.mjs).\n${parts.join('\n')}\n`);
  const cli = path.join(root, 'bin', 'llmspell.js');
  const t = await sideBySide([process.execPath, cli, 'run', file], ['lua5.4', file], WHOLE_RUNS, { cwd: root });
  console.log(`\nWhole process, a mix of the workloads (${rounds} round(s), ≈ ${ms(nativeRound * rounds)} in-run under lua5.4), in turn, median of ${WHOLE_RUNS}:`);
  console.log(`  llmspell run ${t.wall.a.toFixed(2)} s wall, ${t.cpu.a.toFixed(2)} s CPU; lua5.4 ${t.wall.b.toFixed(2)} s wall, ${t.cpu.b.toFixed(2)} s CPU`);
  console.log(`target: whole process ≤ ${WHOLE_TARGET}x native → ${verdict(t.wall.ratio, WHOLE_TARGET)} at ${ratio(t.wall.ratio)} wall (CPU ${ratio(t.cpu.ratio)})`);
}
