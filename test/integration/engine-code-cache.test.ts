/**
 * The engine process loads its code as one script compiled from V8's code cache (dist/engine.cjs,
 * runtime/host/engine-script-loader.ts): it makes the cache itself once booted and idle, reuses it
 * (V8 accepts it: the flags the engine sets are set before the script compiles), replaces one V8
 * refuses, runs without a cache folder it can write, and boots from the ES module bundle when the
 * script is missing.
 */
import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineSpawnOptions } from '../../runtime/host/engine-spawn-options';
import { CODE_CACHE_ENV } from '../../runtime/host/code-cache-env';
import { ROOT } from '../helpers/cli';

const home = mkdtempSync(path.join(os.tmpdir(), 'llmspell-code-cache-'));
const cacheDir = path.join(home, 'cache', 'llmspell', 'code-cache');
const savedXdg = process.env.XDG_CACHE_HOME;
process.env.XDG_CACHE_HOME = path.join(home, 'cache');
// A copy of the engine's files without dist/engine.cjs, inside the checkout so that it finds node_modules.
const fallbackDist = path.join(ROOT, '.tmp', `engine-fallback-${process.pid}`, 'dist');
afterAll(() => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
  rmSync(home, { recursive: true, force: true });
  rmSync(path.dirname(fallbackDist), { recursive: true, force: true });
});

interface Outcome {
  output: string;
  done: { ok: boolean; error?: { message: string } };
}

/**
 * Forks an engine as the supervisor does; `beforeRun` runs once it is ready, then it runs `code`.
 * `early`: the run is sent at once, before the engine is ready (as the supervisor does).
 */
function runEngine(code: string, options: { engine?: 'lua' | 'javascript'; entry?: string; env?: Record<string, string>; beforeRun?: () => Promise<void>; early?: boolean } = {}): Promise<Outcome> {
  const spawn = engineSpawnOptions(options.entry);
  const child = fork(spawn.entry, [], { execArgv: spawn.execArgv, env: { ...spawn.env, ...options.env }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let output = '';
  const run = () =>
    child.send({
      type: 'run',
      runId: 'code-cache',
      spell: { engine: options.engine ?? 'lua', fileName: options.engine === 'javascript' ? 'main.js' : 'main.lua', code },
      params: {},
      limits: { timeoutMs: 30_000, memoryBytes: 64 * 1024 * 1024 },
      logLevel: 'info',
      spellName: 'code-cache',
      mode: 'run',
    });
  if (options.early) run();
  return new Promise<Outcome>((resolve, reject) => {
    child.on('exit', (status) => reject(new Error(`engine exited (${status}) before done: ${stderr}`)));
    child.on('message', (message: { type: string; text?: string }) => {
      if (message.type === 'ready') {
        if (!options.early) void (options.beforeRun ?? (() => Promise.resolve()))().then(run);
      } else if (message.type === 'output') output += message.text;
      else if (message.type === 'done') {
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        resolve({ output, done: message as unknown as Outcome['done'] });
      }
    });
  });
}

const cacheFiles = (): string[] => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.startsWith('engine-') && name.endsWith('.bin')) : []);

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('the engine code cache', () => {
  it('is made by an idle engine, then used as it is', async () => {
    const first = await runEngine('print("hi")', { beforeRun: () => until(() => cacheFiles().length === 1, 'the engine wrote its code cache') });
    expect(first).toMatchObject({ output: 'hi\n', done: { ok: true } });
    const [name] = cacheFiles();
    const file = path.join(cacheDir, name!);
    const written = readFileSync(file);
    const mtime = statSync(file).mtimeMs;
    // An engine whose cache V8 refused would write it again while idle: give it the time to.
    const second = await runEngine('print("again")', { beforeRun: () => pause(500) });
    expect(second).toMatchObject({ output: 'again\n', done: { ok: true } });
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(readFileSync(file).equals(written)).toBe(true);
    // JavaScript spells load QuickJS through the script's loader (no import() in a cached script).
    const js = await runEngine('const answer = 6 * 7;\nexport default answer;\n', { engine: 'javascript' });
    expect(js.done, JSON.stringify(js.done)).toMatchObject({ ok: true });
  });

  it('is made before the spell runs when the run came before the engine was ready', async () => {
    for (const name of cacheFiles()) rmSync(path.join(cacheDir, name));
    // the engine is killed at `done`: a cache on disk then was written before the spell ended
    expect(await runEngine('print("early")', { early: true })).toMatchObject({ output: 'early\n', done: { ok: true } });
    expect(cacheFiles()).toHaveLength(1);
    const file = path.join(cacheDir, cacheFiles()[0]!);
    const mtime = statSync(file).mtimeMs;
    expect(await runEngine('print("early again")', { early: true })).toMatchObject({ output: 'early again\n', done: { ok: true } });
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('replaces a cache V8 refuses', async () => {
    await until(() => cacheFiles().length === 1, 'a cache exists');
    const file = path.join(cacheDir, cacheFiles()[0]!);
    writeFileSync(file, 'not a code cache');
    const outcome = await runEngine('print("hi")', { beforeRun: () => until(() => readFileSync(file, 'utf8') !== 'not a code cache', 'the engine replaced the cache') });
    expect(outcome).toMatchObject({ output: 'hi\n', done: { ok: true } });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it('runs without a cache folder it can write', async () => {
    const blocked = path.join(home, 'not-a-folder');
    writeFileSync(blocked, '');
    const outcome = await runEngine('print("hi")', { env: { [CODE_CACHE_ENV]: path.join(blocked, 'code-cache') }, beforeRun: () => pause(300) });
    expect(outcome).toMatchObject({ output: 'hi\n', done: { ok: true } });
  });

  it('boots from the ES module bundle when the one-script bundle is missing', async () => {
    const dist = path.join(ROOT, 'dist');
    mkdirSync(fallbackDist, { recursive: true });
    for (const name of ['engine-process.cjs', 'engine-boot.js', 'tengo-worker.js', 'chunks']) cpSync(path.join(dist, name), path.join(fallbackDist, name), { recursive: true });
    const before = cacheFiles();
    const outcome = await runEngine('print("from the modules")', { entry: path.join(fallbackDist, 'engine-process.cjs'), beforeRun: () => pause(300) });
    expect(outcome).toMatchObject({ output: 'from the modules\n', done: { ok: true } });
    expect(cacheFiles()).toEqual(before);
  });
});
