/**
 * Issue 12 item 1: nothing a spell supplies (a JSON Schema, its patterns) runs on the host's event
 * loop without a bound. A catastrophic pattern must not outlive --timeout, nor block Stop or other
 * requests in the studio.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli, tempWorkspace } from '../helpers/cli';
import { isAlive, orphanedEngineProcesses } from '../helpers/processes';
import { startStudio, StudioTestClient } from '../helpers/studio';

const ws = tempWorkspace('llmspell-freeze-');
afterAll(() => ws.cleanup());

// Lookahead is not RE2, so this pattern runs on JavaScript's backtracking engine: for ever on this input.
const BACKTRACKING = `
print("checking")
tools.register("evil", "d", { type = "object", properties = { s = { type = "string", pattern = "^(?=(a+)+$)" } } }, function() return 1 end)
print(tools.validate("evil", { s = string.rep("a", 40) .. "!" }))
`;

/** Runs the CLI, timing from the spell's first output line to the process's exit. */
function timedRun(args: string[]): Promise<{ code: number | null; stderr: string; afterStart: number; total: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let startedAt = 0;
    let stderr = '';
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), MOCK_LLM: 'true' } });
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', () => (startedAt ||= performance.now()));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(kill);
      const end = performance.now();
      resolve({ code, stderr, afterStart: end - (startedAt || t0), total: end - t0 });
    });
  });
}

describe('spell-supplied schemas cannot freeze the host', () => {
  it('a run with --timeout 2 and a backtracking pattern ends within its limit', async () => {
    const file = ws.write('backtrack.lua', BACKTRACKING);
    const result = await timedRun(['run', file, '--timeout', '2']);
    expect(result.stderr).toContain('run exceeded its time limit (2 s)');
    expect(result.code).toBe(1);
    // 2 s limit counted from the run's start (before the first line), plus the exit
    expect(result.afterStart).toBeLessThan(2_900);
  });

  it('answers the textbook catastrophic pattern at once on RE2, correctly', async () => {
    const file = ws.write('re2.lua', `
      tools.register("t", "d", { type = "object", properties = { s = { type = "string", pattern = "^(a+)+$" } } }, function() return 1 end)
      print(tools.validate("t", { s = string.rep("a", 40) .. "!" }))
      print(tools.validate("t", { s = "aaaa" }))
    `);
    const started = performance.now();
    const result = await runCli(['run', file]);
    expect(result.stdout).toBe('false\tinvalid parameters for tool \'t\': /s: must match pattern "^(a+)+$"\ntrue\n');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('without a time limit, the check stops at its own deadline with a clear error', async () => {
    const file = ws.write('deadline.lua', BACKTRACKING);
    const result = await runCli(['run', file]);
    expect(result.stdout).toBe('checking\nfalse\ttools.validate: schema check stopped after 5 s: the schema or one of its patterns is too costly to check\n');
    expect(result.code).toBe(0);
  });

  it('in the studio, other requests are served and Stop works while a check runs', async () => {
    const home = path.join(ws.dir, 'home');
    const project = path.join(ws.dir, 'project');
    const dir = path.join(project, 'spells', 'evil');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'main.lua'), BACKTRACKING);
    const studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
    const client = await StudioTestClient.connect(studio);
    try {
      const { runId } = await client.call('runs.start', { path: dir, params: {} });
      await client.until(() => client.runEvents(runId).find((e) => e.type === 'output'));
      await new Promise((r) => setTimeout(r, 200)); // the check is under way
      const asked = performance.now();
      await client.call('settings.get', {});
      expect(performance.now() - asked).toBeLessThan(1_000);
      const stopAt = performance.now();
      await client.call('runs.stop', { runId });
      const finished = await client.finished(runId, 5_000);
      expect(finished).toMatchObject({ ok: false, error: { code: 'stopped' } });
      expect(performance.now() - stopAt).toBeLessThan(1_000);
    } finally {
      await client.close();
      await studio.stop();
    }
    expect(isAlive(studio.child.pid!)).toBe(false);
    expect(orphanedEngineProcesses()).toEqual([]);
  });
});
