// Limits on the happy path (issue 12: "the limits cost nothing measurable"): the same small spells
// with the default limits (plus a CPU limit, so every watch runs) against limits as high as the
// config allows and no CPU limit, alternating in one run. Reported, never asserted. On a loaded machine
// one spell's ratio moves by ±10%; `BENCH_AA=1 npm run bench -- limits` runs the same limits on both
// sides and shows that noise floor.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { root } from './build-drivers.mjs';
import { rawText } from '../scripts/raw-text.mjs';
import { best, geomean, median, ms, ratio, verdict } from './stats.mjs';

const PAIRS = 6;
const TARGET = 1.05;

/**
 * Bundles the driver into dist/ beside the runtime like the runtime's own build (dependencies bundled
 * in, the same externals): the run path reaches ajv's JSON files, which Node's ESM loader will not
 * import from an external package without an import attribute.
 */
async function buildDriver() {
  await build({
    absWorkingDir: root,
    entryPoints: { 'bench-limits': 'bench/limits-driver.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['wasmoon', 'electron', 'quickjs-emscripten', 'quickjs-emscripten-core', '@jitl/*'],
    logLevel: 'error',
    plugins: [rawText],
    define: { __LLMSPELL_COMMIT__: '"bench"' },
    banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
  });
  return path.join(root, 'dist', 'bench-limits.js');
}

/** Bundles and runs the driver; returns lines to print. */
export async function benchLimits() {
  const driver = await buildDriver();
  const out = execFileSync(process.execPath, [driver, String(PAIRS)], { encoding: 'utf8', cwd: root });
  const results = JSON.parse(out.trim().split('\n').at(-1));
  const cpuRatios = [];
  const wallRatios = [];
  const lines = [
    `Limits on the happy path (${PAIRS} alternating pairs; limits = defaults + limits.cpu, off = timeout 1 day, memory 4 GB, no CPU limit)`,
    '  CPU (best of each side) = this process + the engine processes: what the limits cost, whatever the load; the wall-time ratio (median of pairs) beside it',
  ];
  // CPU time only grows with interference (cache, SMT siblings, the next engine booting): the ratio of
  // the best of each side. Wall time drifts with the load: the median of each pair's ratio (a pair runs
  // back to back, so the drift cancels).
  const pooled = (a, b, key) => best(a.map((x) => x[key])) / best(b.map((x) => x[key]));
  const paired = (a, b, key) => median(a.map((x, i) => x[key] / b[i][key]));
  for (const { title, limits, high } of Object.values(results)) {
    const cpu = pooled(limits, high, 'cpu');
    const wall = paired(limits, high, 'wall');
    cpuRatios.push(cpu);
    wallRatios.push(wall);
    const cpuMs = (xs) => ms(best(xs.map((x) => x.cpu)));
    lines.push(`  ${title.padEnd(48)} CPU ${cpuMs(limits).padStart(7)} vs ${cpuMs(high).padStart(7)}  ${ratio(cpu)}  target ≤ ${TARGET}x ${verdict(cpu, TARGET)}  (wall ${ratio(wall)})`);
  }
  const all = geomean(cpuRatios);
  lines.push(`  all (geometric mean)${' '.repeat(29)}CPU ${ratio(all)}  target ≤ ${TARGET}x ${verdict(all, TARGET)}  (wall ${ratio(geomean(wallRatios))})`);
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchLimits()) console.log(line);
}
