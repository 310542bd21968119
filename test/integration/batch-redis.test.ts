/**
 * `llmspell batch --queue` with `llmspell worker` processes on a real redis-server (started here on
 * a free port): 200 rows over two workers, a worker killed with SIGKILL mid-batch, `--status`, and
 * shipped bundles with signature checks. Nothing of Redis or BullMQ is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchResult } from '../../runtime/contract/batch';
import { CLI, runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';
import { ownOrphansAfter } from '../helpers/own-orphans';
import { isAlive } from '../helpers/processes';
import { startRedis, type RedisServer } from '../helpers/redis-server';

const ws = tempWorkspace('llmspell-batch-redis-');
let server: LlmServer;
let redis: RedisServer;
const workers: ChildProcess[] = [];

const SPELL_YAML = ['name: greet', 'version: 1.0.0', 'description: greets', 'parameters:', '  - name: name', '    type: string', '    required: true', 'permissions:', '  llm: true', ''].join('\n');

beforeAll(async () => {
  [server, redis] = await Promise.all([startLlmServer({ apiKey: 'sk-batch' }), startRedis()]);
  mkdirSync(path.join(ws.dir, 'greet'));
  ws.write('greet/spell.yaml', SPELL_YAML);
  ws.write('greet/main.lua', 'print(params.name .. ": " .. llm.chat("greet " .. params.name))\n');
}, 30_000);
afterEach(async () => {
  await Promise.all(workers.splice(0).map(stopWorker));
});
afterAll(async () => {
  await Promise.all([server.close(), redis.stop()]);
  ws.cleanup();
});

const env = (home = 'home') => ({ HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, home), MOCK_LLM: '', OPENAI_API_KEY: 'sk-batch', OPENAI_BASE_URL: server.url });

/** Starts `llmspell worker` and waits until it is taking jobs. */
async function startWorker(args: string[], options: { cwd?: string; home?: string } = {}): Promise<ChildProcess & { log: () => string }> {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', redis.url, ...args], {
    cwd: options.cwd ?? ws.dir,
    env: { PATH: process.env.PATH ?? '', ...env(options.home) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.push(child);
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${log}`)), 60_000);
    child.stderr!.on('data', () => log.includes(' ready: ') && (clearTimeout(timer), resolve()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`the worker exited with ${code}:\n${log}`))));
  });
  return Object.assign(child, { log: () => log });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function readResults(file: string): BatchResult[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BatchResult);
}

function rowsFile(name: string, count: number): string {
  return ws.write(name, Array.from({ length: count }, (_, i) => JSON.stringify({ id: `r${i + 1}`, name: `${name}-${i + 1}` })).join('\n') + '\n');
}

describe('llmspell batch --queue (BullMQ on Redis)', () => {
  it('runs 200 rows on two worker processes, each row once; --status reports the batch', async () => {
    server.setLatency(20);
    const [a, b] = await Promise.all([startWorker(['--concurrency', '4']), startWorker(['--concurrency', '4'])]);
    const input = rowsFile('two.jsonl', 200);
    const result = await runCli(['batch', 'greet', '--input', input, '--queue', redis.url], { cwd: ws.dir, env: env(), timeoutMs: 400_000 });
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(0);
    const results = readResults(path.join(ws.dir, 'two.results.jsonl'));
    expect(results).toHaveLength(200);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(200);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(results.find((r) => r.key === 'r42')!.output).toBe('two.jsonl-42: echo: greet two.jsonl-42\n');
    // Both workers took rows.
    const ran = new Set(results.map((r) => r.worker!.split(':').at(-1)));
    expect(ran).toEqual(new Set([String(a.pid), String(b.pid)]));

    const status = await runCli(['batch', '--status', '--queue', redis.url], { cwd: ws.dir, env: env(), timeoutMs: 120_000 });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('greet over');
    expect(status.stdout).toContain('200/200 done, 200 ok, 0 failed, 0 running, 0 waiting');
    expect(status.stdout).toMatch(/queue batch-openai: .*200 completed/);
  }, 480_000);

  it('loses nothing when a worker is killed with SIGKILL mid-batch: its rows run elsewhere, each exactly once', async () => {
    server.setLatency(300);
    const doomed = await startWorker(['--concurrency', '4', '--lock-timeout', '2']);
    const survivor = await startWorker(['--concurrency', '4', '--lock-timeout', '2']);
    const input = rowsFile('kill.jsonl', 120);
    const output = path.join(ws.dir, 'kill.results.jsonl');
    const batch = runCli(['batch', 'greet', '--input', input, '--queue', redis.url], { cwd: ws.dir, env: env(), timeoutMs: 400_000 });
    // Kill one worker once rows are flowing, while it holds rows of its own.
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline && (!existsSync(output) || readResults(output).filter((r) => r.worker?.endsWith(`:${doomed.pid}`)).length < 5)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const result = await batch;
    expect(result.code).toBe(0);
    const results = readResults(output);
    expect(results).toHaveLength(120);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(120);
    expect(new Set(results.map((r) => r.key)).size).toBe(120);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    // The rows the dead worker held were started again by the survivor.
    const rerun = results.filter((r) => (r.attempts ?? 1) > 1);
    expect(rerun.length).toBeGreaterThan(0);
    expect(rerun.every((r) => r.worker!.endsWith(`:${survivor.pid}`))).toBe(true);
    expect(isAlive(doomed.pid!)).toBe(false);
    // The dead worker's engine processes leave once they notice their parent is gone (slow under load).
    expect(await ownOrphansAfter(30_000)).toEqual([]);
  }, 480_000);

  it('ships the spell as a bundle: a worker refuses an unsigned one, and runs one signed by a trusted key', async () => {
    server.setLatency(0);
    // The worker runs elsewhere (another folder, no greet spell in its library).
    const elsewhere = path.join(ws.dir, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    ws.write('greet/main.lua', 'print("shipped " .. params.name)\n');
    await startWorker(['--concurrency', '2'], { cwd: elsewhere, home: 'worker-home' });
    const input = rowsFile('ship.jsonl', 3);
    const unsigned = await runCli(['batch', 'greet', '--input', input, '--queue', redis.url, '--ship', '--attempts', '1'], { cwd: ws.dir, env: env(), timeoutMs: 120_000 });
    expect(unsigned.code).toBe(1);
    const refused = readResults(path.join(ws.dir, 'ship.results.jsonl'));
    expect(refused).toHaveLength(3);
    expect(refused[0]!.error!.code).toBe('job_failed');
    expect(refused[0]!.error!.message).toContain('the bundle of greet is not signed');

    const keygen = await runCli(['keygen', 'me', '--out', path.join(ws.dir, 'keys')], { cwd: ws.dir, env: env() });
    expect(keygen.code).toBe(0);
    mkdirSync(path.join(ws.dir, 'worker-home', 'trusted-keys'), { recursive: true });
    ws.write('worker-home/trusted-keys/me.pub', readFileSync(path.join(ws.dir, 'keys', 'me.pub'), 'utf8'));
    const signed = await runCli(['batch', 'greet', '--input', input, '--queue', redis.url, '--ship', '--sign-key', 'keys/me.key', '--rerun-failed', '--rate', '600/min'], {
      cwd: ws.dir,
      env: env(),
      timeoutMs: 120_000,
    });
    expect(signed.stderr).toContain('3 rows: 3 ok, 0 failed');
    expect(signed.code).toBe(0);
    expect(readResults(path.join(ws.dir, 'ship.results.jsonl')).map((r) => r.output).sort()).toEqual(['shipped ship.jsonl-1\n', 'shipped ship.jsonl-2\n', 'shipped ship.jsonl-3\n']);
    // --rate set the provider queue's global limit, which every worker obeys (BullMQ's limiter).
    const status = await runCli(['batch', '--status', '--queue', redis.url], { cwd: ws.dir, env: env(), timeoutMs: 120_000 });
    expect(`${status.stdout}${status.stderr}`).toMatch(/queue batch-openai: .*, rate limit 600 per 60000 ms/);
  }, 240_000);

  it('refuses a queue URL it cannot use, with a clear error', async () => {
    const input = rowsFile('url.jsonl', 1);
    const bad = await runCli(['batch', 'greet', '--input', input, '--queue', 'http://x'], { cwd: ws.dir, env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--queue expects a redis:// or rediss:// URL, got 'http://x'");
    const worker = await runCli(['worker'], { cwd: ws.dir, env: env() });
    expect(worker.stderr).toContain('--queue is required');
  });
});
