// Workflow engine benchmark (issue 7 targets: a 1,000-node fan-out of llm nodes at 50 ms latency and
// concurrency 100 in ≤ 1.2 × the ideal 10 × 50 ms; engine overhead per node ≤ 0.5 ms). Reported,
// never asserted. Call `await benchWorkflows()` for printable lines, or run this file directly.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildBenchEntries, root } from './build-drivers.mjs';

/** Bundles the driver and the test server into dist/, runs it, returns lines to print. */
export async function benchWorkflows() {
  const built = await buildBenchEntries({ 'bench-workflows': 'bench/workflows-driver.ts', 'bench-workflows-server': 'bench/llm-server-process.ts' });
  const out = execFileSync(process.execPath, [built['bench-workflows']], { encoding: 'utf8', cwd: root });
  const r = JSON.parse(out.trim().split('\n').at(-1));
  const mark = (ok) => (ok ? 'PASS' : 'MISS');
  const ratio = r.fanOutMs / r.idealMs;
  return [
    `Workflow engine (local OpenAI-compatible server in its own process, ${r.latencyMs} ms latency, cache writing)`,
    `  ${r.nodes}-node llm fan-out at concurrency ${r.concurrency}: ${r.fanOutMs.toFixed(0)} ms = ${ratio.toFixed(2)} × ideal ${r.idealMs} ms  target ≤ 1.2 × ${mark(ratio <= 1.2)}` +
      `  (same calls direct through the SDK: ${r.directMs.toFixed(0)} ms; workflow/direct ${(r.fanOutMs / r.directMs).toFixed(2)} ×)`,
    `  engine overhead per node (instant LLM): ${r.overheadMs.toFixed(3)} ms  target ≤ 0.5 ms ${mark(r.overheadMs <= 0.5)}` +
      `  (with every result written to the disk cache: ${r.overheadCachedMs.toFixed(3)} ms)`,
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchWorkflows()) console.log(line);
}
