// Run start latency: warm (in-process Supervisor with a pool) and cold (a fresh `llmspell run`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { root } from './build-drivers.mjs';
import { median, ms, ratio, run, verdict } from './stats.mjs';
import { sideBySide } from './whole-process.mjs';

const WARM_RUNS = 10;
const COLD_RUNS = 7;
const WARM_TARGET_MS = 50;
const COLD_TARGET_MS = 250;
/** A one-line spell's whole `llmspell run` against a bare `node -e 0`, wall time, in turn. */
const WHOLE_TARGET = 2.5;
const WHOLE_CPU_TARGET_S = 0.5;
const WHOLE_RUNS = 7;
const IDLE_RSS_TARGET_MB = 60;

/** Spawns a command and resolves with ms from spawn until `marker` shows on its stdout. */
function timeToMarker(args, marker) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let seenAt;
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (seenAt === undefined && out.includes(marker)) seenAt = performance.now() - t0;
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && seenAt !== undefined) resolve(seenAt);
      else reject(new Error(`${args.join(' ')} exited with ${code} without printing ${marker}:\n${out}${err}`));
    });
  });
}

async function samples(n, fn) {
  const xs = [];
  for (let i = 0; i < n; i++) xs.push(await fn());
  return xs;
}
const spread = (xs) => `(min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;

export async function startLatency(drivers) {
  console.log('\nRun start latency: run requested → the spell\'s first instruction');
  const warm = JSON.parse(await run(process.execPath, [drivers.warmStart, String(WARM_RUNS)], { cwd: root }));
  const w = median(warm.samples);
  console.log(
    `  warm pool  Supervisor({ poolSize: 1 }), run() → 'started' event, median of ${WARM_RUNS}: ${ms(w)} ${spread(warm.samples)}` +
      `  target ≤ ${WARM_TARGET_MS} ms ${verdict(w, WARM_TARGET_MS)}`,
  );
  if (warm.reported.length) console.log(`             (RunOutcome.startLatencyMs agrees: median ${ms(median(warm.reported))})`);
  console.log(`  no pool    the same Supervisor's first run, before any process had booted: ${ms(warm.firstMs)}`);
  if (warm.idleRss.length) {
    const rss = median(warm.idleRss);
    console.log(`  idle engine process in the pool, resident memory, median of ${warm.idleRss.length}: ${rss.toFixed(1)} MB  target ≤ ${IDLE_RSS_TARGET_MB} MB ${verdict(rss, IDLE_RSS_TARGET_MB)}`);
  }

  const cli = path.join(root, 'bin', 'llmspell.js');
  const whole = await sideBySide([process.execPath, cli, 'run', drivers.firstSpell], [process.execPath, '-e', '0'], WHOLE_RUNS, { cwd: root });
  console.log(
    `  one-line spell, whole \`llmspell run\` against \`node -e 0\`, in turn, median of ${WHOLE_RUNS}: ${whole.wall.a.toFixed(3)} s wall, ${whole.cpu.a.toFixed(2)} s CPU;` +
      ` node -e 0 ${whole.wall.b.toFixed(3)} s wall, ${whole.cpu.b.toFixed(2)} s CPU`,
  );
  console.log(`target: whole run ≤ ${WHOLE_TARGET}x node -e 0 → ${verdict(whole.wall.ratio, WHOLE_TARGET)} at ${ratio(whole.wall.ratio)}; CPU ≤ ${WHOLE_CPU_TARGET_S} s → ${verdict(whole.cpu.a, WHOLE_CPU_TARGET_S)} at ${whole.cpu.a.toFixed(2)} s`);
  const cold = await samples(COLD_RUNS, () => timeToMarker([cli, 'run', drivers.firstSpell], drivers.marker));
  const c = median(cold);
  console.log(
    `  cold CLI   spawn \`node bin/llmspell.js run first.lua\` → its first print, median of ${COLD_RUNS}: ${ms(c)} ${spread(cold)}` +
      `  target ≤ ${COLD_TARGET_MS} ms ${verdict(c, COLD_TARGET_MS)}`,
  );
  // References for the cold number: Node's own start, and the CLI's start without an engine.
  const bare = await samples(COLD_RUNS, () => timeToMarker(['-e', 'process.stdout.write("mark")'], 'mark'));
  console.log(`  reference  spawn bare \`node -e\` → its first print, median of ${COLD_RUNS}: ${ms(median(bare))} ${spread(bare)}`);
  const version = await samples(COLD_RUNS, () => timeToMarker([cli, '--version'], '.'));
  console.log(`  reference  spawn \`node bin/llmspell.js --version\` → its output, median of ${COLD_RUNS}: ${ms(median(version))} ${spread(version)}`);
}
