// Section of `npm run bench`: the LLM bridge's overhead (issue targets: ≤ 1 ms p50 added over a direct
// SDK call; 100 chat_async calls at 100 ms latency in ≤ 130 ms). Reported, never asserted.
import { execFileSync } from 'node:child_process';

export async function llmBench(drivers) {
  console.log('\nLLM bridge (local OpenAI-compatible server on 127.0.0.1)');
  const out = execFileSync(process.execPath, [drivers.llm], { encoding: 'utf8' });
  const r = JSON.parse(out.trim().split('\n').at(-1));
  const added = r.spellP50 - r.directP50;
  const mark = (ok) => (ok ? 'PASS' : 'MISS');
  console.log(`  llm.chat from a spell  p50 ${r.spellP50.toFixed(2)} ms  direct SDK p50 ${r.directP50.toFixed(2)} ms  added ${added.toFixed(2)} ms  target ≤ 1 ms ${mark(added <= 1)}`);
  console.log(
    `  100 × chat_async at 100 ms latency: ${r.concurrentMs.toFixed(0)} ms  target ≤ 130 ms ${mark(r.concurrentMs <= 130)}` +
      `  (100 direct SDK calls with Promise.all: ${r.directConcurrentMs.toFixed(0)} ms)`,
  );
}
