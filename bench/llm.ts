/**
 * LLM bridge overhead, against the local OpenAI-compatible test server on 127.0.0.1:
 * (1) `llm.chat` from a spell against a direct openai SDK call to the same server (p50 added);
 * (2) 100 `llm.chat_async` calls with 100 ms server latency (ideal: one latency).
 * Prints one JSON line with the numbers. Usage: `node bench-llm.js`.
 */
import OpenAI from 'openai';
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../runtime/config';
import { Supervisor } from '../runtime/host/supervisor';
import { createRunServices } from '../runtime/services/run-services';
import type { RunEvent } from '../runtime/contract/run-events';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const CALLS = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

// The server runs in its own process (see llm-server-process.ts), like a real provider would.
const child = spawn(process.execPath, [new URL('./bench-llm-server.js', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const nextLine = async () => String((await lines.next()).value ?? '');
const server = {
  url: await nextLine(),
  async setLatency(ms: number) {
    child.stdin!.write(`latency ${ms}\n`);
    await nextLine();
  },
  async close() {
    child.stdin!.end();
    await once(child, 'exit');
  },
};
const home = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-'));
const supervisor = new Supervisor({ poolSize: 1 });
try {
  // Direct SDK calls: the reference, in this same process.
  const client = new OpenAI({ apiKey: 'sk-bench', baseURL: server.url, maxRetries: 0 });
  const direct: number[] = [];
  for (let i = 0; i < CALLS + 20; i++) {
    const t0 = performance.now();
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `direct ${i}` }] });
    if (i >= 20) direct.push(performance.now() - t0);
  }

  const loaded = loadConfig({ cwd: home, env: { OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: server.url }, home });
  const run = async (code: string) => {
    await supervisor.ready();
    const stamps: number[] = [];
    let started = 0;
    const services = createRunServices(loaded, { home, notice: () => {}, storageOwner: { name: 'bench' } });
    const onEvent = (event: RunEvent) => {
      if (event.type === 'started') started = performance.now();
      if (event.type === 'call') stamps.push(performance.now());
    };
    const outcome = await supervisor.run(
      { spell: { engine: 'lua', fileName: 'bench.lua', code }, spellName: 'bench', params: {}, limits: { timeoutMs: 60_000, memoryBytes: 2 ** 27 } },
      { bridges: services.bridges, services: services.services, onEvent },
    ).done;
    if (!outcome.ok) throw new Error(outcome.error?.message);
    return { stamps, started, finished: started + (outcome.durationMs - (outcome.startLatencyMs ?? 0)) };
  };

  // Sequential calls from a spell: the gap between two answers is one full round trip.
  const sequential = await run(`for i = 1, ${CALLS + 20} do assert(llm.chat("spell " .. i)) end`);
  const gaps = sequential.stamps.slice(21).map((t, i) => t - sequential.stamps[i + 20]!);

  // 100 concurrent async calls at 100 ms latency.
  await server.setLatency(100);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 100 }, (_, i) => client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: `d${i}` }] })));
  const directConcurrentMs = performance.now() - t0;
  const concurrent = await run('local ps = {} for i = 1, 100 do ps[i] = llm.chat_async("c" .. i) end assert(promise.await_all(ps, 30))');
  const concurrentMs = concurrent.stamps.at(-1)! - concurrent.started;

  console.log(JSON.stringify({ directP50: median(direct), spellP50: median(gaps), concurrentMs, directConcurrentMs }));
} finally {
  await supervisor.close();
  await server.close();
  rmSync(home, { recursive: true, force: true });
}
