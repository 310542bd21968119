import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempWorkspace } from '../helpers/cli';
import { orphanedEngineProcesses } from '../helpers/processes';

/**
 * `limits.cpu` (`--cpu`, config, manifest): seconds of engine-process CPU time, watched by the host,
 * shared by every run nested in the run like its time limit. Every case is a real `llmspell` process;
 * CPU seconds do not stretch under load the way wall time does, so the cases hold on a busy machine.
 */
const ws = tempWorkspace('llmspell-cpu-');
const home = path.join(ws.dir, 'home');
mkdirSync(home, { recursive: true });
const env = { LLMSPELL_HOME: home, HOME: ws.dir };
afterAll(() => ws.cleanup());

const BUSY = 'local n = 0\nwhile true do n = n + 1 end\n';
/** About 0.6 s of CPU on a developer machine; the sharing cases run several and allow a wide margin. */
const SOME_WORK = 'local n = 0\nfor i = 1, 20000000 do n = n + i % 7 end\nprint(n)\n';

describe('limits.cpu', () => {
  it('ends a busy loop with --cpu 1 --timeout 30 within seconds, with the cpu_limit error naming the limit', async () => {
    ws.write('busy.lua', BUSY);
    const started = performance.now();
    const result = await runCli(['run', 'busy.lua', '--cpu', '1', '--timeout', '30', '--json'], { cwd: ws.dir, env });
    const seconds = (performance.now() - started) / 1000;
    expect(result.code).toBe(1);
    const outcome = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; error: { code: string; message: string } };
    expect(outcome.ok).toBe(false);
    expect(outcome.error.code).toBe('cpu_limit');
    expect(outcome.error.message).toMatch(/over its CPU limit \(1 s, limits\.cpu\)/);
    // Far below the 30 s time limit even on a loaded machine (about 2 s when quiet).
    expect(seconds).toBeLessThan(15);
    expect(orphanedEngineProcesses()).toEqual([]);
  });

  it('charges a short spell that ends between two CPU polls (200 ms apart): over its limit, it ends with cpu_limit', async () => {
    // ≈ 70 ms of CPU: done before the watch's first poll when the machine is quiet, so only the
    // charge taken at its end can see it.
    ws.write('short.lua', 'local n = 0\nfor i = 1, 3000000 do n = n + i % 7 end\nprint(n)\n');
    const result = await runCli(['run', 'short.lua', '--cpu', '0.04', '--timeout', '30', '--json'], { cwd: ws.dir, env });
    expect(result.code).toBe(1);
    const outcome = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { ok: boolean; error: { code: string; message: string } };
    expect(outcome.error.code).toBe('cpu_limit');
    expect(outcome.error.message).toMatch(/over its CPU limit \(0\.04 s, limits\.cpu\)/);
  });

  it('does not end a spell that waits for input longer than its CPU limit', async () => {
    ws.write('reads.lua', 'local line = io.read()\nprint("got " .. tostring(line))\n');
    const child = spawn(process.execPath, [CLI, 'run', 'reads.lua', '--cpu', '0.5', '--timeout', '30'], {
      cwd: ws.dir,
      env: { PATH: process.env.PATH ?? '', MOCK_LLM: 'true', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.stdin.end('hello\n'), 2500);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(stderr).not.toContain('CPU');
    expect(stdout).toContain('got hello');
    expect(code).toBe(0);
  });

  it('does not end a spell that sleeps longer than its CPU limit', async () => {
    ws.write('sleeps.lua', 'async.sleep(2.5)\nprint("awake")\n');
    const result = await runCli(['run', 'sleeps.lua', '--cpu', '0.5', '--timeout', '30'], { cwd: ws.dir, env });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('awake');
    expect(result.code).toBe(0);
  });

  it('is off unless configured: the config sets it, a manifest may lower it but never raise it', async () => {
    mkdirSync(path.join(ws.dir, 'capped'), { recursive: true });
    ws.write('capped/spell.yaml', 'name: capped\nversion: 1.0.0\nlimits:\n  cpu: 1\n');
    ws.write('capped/main.lua', BUSY);
    const byManifest = await runCli(['run', 'capped', '--timeout', '30'], { cwd: ws.dir, env });
    expect(byManifest.stderr).toContain('over its CPU limit (1 s, limits.cpu)');
    expect(byManifest.code).toBe(1);

    ws.write('work.lua', SOME_WORK);
    const unlimited = await runCli(['run', 'work.lua'], { cwd: ws.dir, env });
    expect(unlimited.code).toBe(0);

    const configHome = path.join(ws.dir, 'home-config');
    mkdirSync(configHome, { recursive: true });
    ws.write('home-config/config.yaml', 'limits:\n  cpu: 1\n');
    const byConfig = await runCli(['run', 'busy.lua', '--timeout', '30'], { cwd: ws.dir, env: { ...env, LLMSPELL_HOME: configHome } });
    expect(byConfig.stderr).toContain('over its CPU limit (1 s, limits.cpu)');

    // A manifest asking for more than the user's limit does not get it.
    ws.write('capped/spell.yaml', 'name: capped\nversion: 1.0.0\nlimits:\n  cpu: 600\n');
    const above = await runCli(['run', 'capped', '--timeout', '30'], { cwd: ws.dir, env: { ...env, LLMSPELL_HOME: configHome } });
    expect(above.stderr).toContain('asks for limits.cpu 600 s, above your limit of 1 s');
    expect(above.stderr).toContain('over its CPU limit (1 s, limits.cpu)');
  });

  it('is shared with nested runs: a workflow whose spells together pass the caller limit ends with cpu_limit', async () => {
    ws.write('work.lua', SOME_WORK);
    const node = (id: string) => `  - id: ${id}\n    type: spell\n    config:\n      spell: work.lua\n`;
    ws.write('work.workflow.yaml', `name: work\nnodes:\n${['a', 'b', 'c', 'd'].map(node).join('')}`);
    ws.write('caller.lua', 'local wf = assert(workflow.load("work.workflow.yaml"))\nlocal out, err = wf:run({})\nif not out then error(err, 0) end\nprint("finished")\n');
    // One of them alone fits the limit with room to spare...
    const alone = await runCli(['run', 'work.lua', '--cpu', '1.5', '--timeout', '60'], { cwd: ws.dir, env, timeoutMs: 60_000 });
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);
    // ...four of them, run by a spell, do not.
    const nested = await runCli(['run', 'caller.lua', '--cpu', '1.5', '--timeout', '60', '--json'], { cwd: ws.dir, env, timeoutMs: 60_000 });
    expect(nested.code).toBe(1);
    expect(nested.stdout).not.toContain('finished');
    expect(nested.stdout).toContain('cpu_limit');
    expect(nested.stdout).toMatch(/over its CPU limit \(1\.5 s, limits\.cpu\)/);
    // The workflow run on its own shares one budget too.
    const flow = await runCli(['run', 'work.workflow.yaml', '--cpu', '1.5', '--timeout', '60'], { cwd: ws.dir, env, timeoutMs: 60_000 });
    expect(flow.code).not.toBe(0);
    expect(flow.stderr + flow.stdout).toMatch(/over its CPU limit \(1\.5 s, limits\.cpu\)/);
    expect(orphanedEngineProcesses()).toEqual([]);
  }, 120_000);
});
