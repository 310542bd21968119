// Whole-process timings of a command against a reference command, taken in turn (A B A B ...) so a
// drift of the shared machine's speed hits both alike; the ratio is taken pair by pair. CPU time is
// the children's user + system time as the shell's `times` reports it (POSIX sh, no extra tools).
import { spawn } from 'node:child_process';
import { median } from './stats.mjs';

/** Runs `file args` once under sh; resolves with wall and CPU seconds (output discarded). */
function once(file, args, options) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('sh', ['-c', '"$@" >/dev/null 2>&1; code=$?; times; exit $code', 'sh', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      // `times`: the shell's user/sys on the first line, its children's on the second (`0m1.234s 0m0.056s`).
      const line = out.trim().split('\n').at(-1) ?? '';
      const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (code !== 0 || secs.length < 2) reject(new Error(`${file} ${args.join(' ')} exited with ${code}`));
      else resolve({ wall, cpu: secs[0] + secs[1] });
    });
  });
}

/**
 * `runs` pairs of A then B (after one warm-up each); medians of A and B and of the pairwise A/B
 * ratios, for wall and CPU seconds.
 */
export async function sideBySide(a, b, runs = 5, options = {}) {
  await once(a[0], a.slice(1), options);
  await once(b[0], b.slice(1), options);
  const pairs = [];
  for (let i = 0; i < runs; i++) pairs.push([await once(a[0], a.slice(1), options), await once(b[0], b.slice(1), options)]);
  const pick = (f) => ({ a: median(pairs.map(([x]) => f(x))), b: median(pairs.map(([, y]) => f(y))), ratio: median(pairs.map(([x, y]) => f(x) / f(y))) });
  return { wall: pick((t) => t.wall), cpu: pick((t) => t.cpu), runs };
}
