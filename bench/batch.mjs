// Section of `npm run bench`: batch runs (issue #17). 500 rows of a one-call spell against the local
// OpenAI-compatible server at 200 ms latency, on the embedded queue and on BullMQ with 1, 2 and 4
// worker processes × concurrency 8, each against the ideal (rows × latency / slots); plus BullMQ's
// own overhead per job (a no-op processor) and the per-row overhead of a run beyond the LLM's latency.
// Reported, never asserted. Needs redis-server on PATH (skipped with a note otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { buildBenchEntries, root } from './build-drivers.mjs';

const ROWS = 500;
// `LLMSPELL_BENCH_BATCH=embedded,1,2,4` (the default) picks which runs to measure.
const RUNS = (process.env.LLMSPELL_BENCH_BATCH ?? 'embedded,1,2,4').split(',');
const LATENCY_MS = 200;
const CONCURRENCY = 8;
const CLI = path.join(root, 'bin', 'llmspell.js');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startRedis(dir) {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve, reject) => {
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (log += d).includes('Ready to accept connections') && resolve());
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { port, url: `redis://127.0.0.1:${port}`, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

async function startLlmServer(serverEntry) {
  const child = spawn(process.execPath, [serverEntry], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve) => lines.once('line', resolve));
  child.stdin.write(`latency ${LATENCY_MS}\n`);
  await new Promise((resolve) => lines.once('line', resolve));
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.stdin.end())) };
}

function startWorker(queueUrl, cwd, env) {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', queueUrl, '--concurrency', String(CONCURRENCY)], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const ready = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d) => (log += d).includes(' ready: ') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${log}`)));
  });
  return { ready, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** Runs `llmspell batch` once; returns wall seconds and the result lines. */
function runBatch(args, cwd, env, output) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'batch', 'bench-spell', '--input', 'rows.jsonl', '--output', output, '--force', '--concurrency', String(CONCURRENCY), ...args], { cwd, env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`llmspell batch failed (${result.status}): ${result.stderr}`);
  const lines = readFileSync(path.join(cwd, output), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { seconds, lines };
}

/** BullMQ alone: 500 jobs through a no-op processor at concurrency 8 — the queue's own cost per job. */
async function bullmqOverhead(port) {
  const connection = { host: '127.0.0.1', port, maxRetriesPerRequest: null };
  const queue = new Queue('bench-noop', { connection, prefix: 'bench' });
  let done = 0;
  let finish;
  const all = new Promise((resolve) => (finish = resolve));
  const worker = new Worker('bench-noop', async () => ++done === ROWS && finish(), { connection, prefix: 'bench', concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const started = performance.now();
  await queue.addBulk(Array.from({ length: ROWS }, (_, i) => ({ name: 'noop', data: { i }, opts: { jobId: `j${i}`, removeOnComplete: true } })));
  await all;
  const ms = performance.now() - started;
  await worker.close();
  await queue.close();
  return ms;
}

export async function benchBatch() {
  if (spawnSync('redis-server', ['--version']).status !== 0) return ['  skipped: redis-server is not installed'];
  const { 'bench-llm-server': serverEntry } = await buildBenchEntries({ 'bench-llm-server': 'bench/llm-server-process.ts' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmspell-bench-batch-'));
  const out = [];
  const llm = await startLlmServer(serverEntry);
  const redis = await startRedis(dir);
  try {
    mkdirSync(path.join(dir, 'bench-spell'));
    writeFileSync(path.join(dir, 'bench-spell', 'spell.yaml'), 'name: bench-spell\nversion: 1.0.0\ndescription: one LLM call\nparameters:\n  - name: text\n    type: string\n    required: true\npermissions:\n  llm: true\n');
    writeFileSync(path.join(dir, 'bench-spell', 'main.lua'), 'print(llm.chat("summarise " .. params.text))\n');
    writeFileSync(path.join(dir, 'rows.jsonl'), Array.from({ length: ROWS }, (_, i) => JSON.stringify({ id: i + 1, text: `document ${i + 1}` })).join('\n') + '\n');
    const env = { PATH: process.env.PATH, HOME: dir, LLMSPELL_HOME: path.join(dir, 'home'), OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: llm.url };
    const report = (label, slots, { seconds, lines }) => {
      const ideal = (ROWS * LATENCY_MS) / 1000 / slots;
      const meanRun = lines.reduce((sum, l) => sum + l.durationMs, 0) / lines.length;
      // Time each slot spent on a row beyond the LLM's latency: process start, sandbox, queue.
      const perRow = (seconds * 1000 * slots) / ROWS - LATENCY_MS;
      out.push(
        `  ${label.padEnd(26)} ${seconds.toFixed(1).padStart(6)} s  ${(ROWS / seconds).toFixed(1).padStart(6)} rows/s  ideal ${ideal.toFixed(1)} s` +
          `  (${(ideal / seconds).toFixed(2)}× of ideal)  run p̄ ${meanRun.toFixed(0)} ms  overhead/row/slot ${perRow.toFixed(0)} ms`,
      );
    };
    out.push(`  ${ROWS} rows, one llm.chat each at ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY} per process (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    if (RUNS.includes('embedded')) report('embedded queue (1 process)', CONCURRENCY, runBatch([], dir, env, 'embedded.jsonl'));
    for (const count of [1, 2, 4].filter((n) => RUNS.includes(String(n)))) {
      // A fresh queue each time: the rows of the last run are done jobs, which a batch only collects.
      const client = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: null });
      await client.flushall();
      client.disconnect();
      const workers = Array.from({ length: count }, () => startWorker(redis.url, dir, env));
      try {
        await Promise.all(workers.map((w) => w.ready));
        report(`BullMQ, ${count} worker${count > 1 ? 's' : ''} × ${CONCURRENCY}`, count * CONCURRENCY, runBatch(['--queue', redis.url], dir, env, `redis-${count}.jsonl`));
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    }
    const noop = await bullmqOverhead(redis.port);
    out.push(`  BullMQ alone, no-op jobs: ${ROWS} in ${noop.toFixed(0)} ms = ${(noop / ROWS).toFixed(2)} ms per job at concurrency ${CONCURRENCY} (add + take + complete)`);
  } finally {
    await Promise.all([llm.stop(), redis.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
