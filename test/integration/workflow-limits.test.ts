/**
 * Issue 12 item 2: host-side workflows yield to the event loop, so nested loops of pure nodes end at
 * the run's time limit, Ctrl+C ends them, and a spell running one through the workflow bridge stays
 * within its own limit.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, tempWorkspace } from '../helpers/cli';
import { startStudio, StudioTestClient } from '../helpers/studio';

const ws = tempWorkspace('llmspell-wf-limits-');
afterAll(() => ws.cleanup());

// 10,000 × 10,000 pure transform nodes: hours of work, none of it awaiting anything outside.
const SPIN = `name: spin
version: 1.0.0
nodes:
  - id: outer
    type: loop
    config:
      count: 10000
      body:
        nodes:
          - id: inner
            type: loop
            config:
              count: 10000
              body:
                nodes:
                  - id: step
                    type: transform
                    config:
                      expression: iteration
`;

interface Timed {
  code: number | null;
  stderr: string;
  /** ms from the first output (the run under way) to the exit. */
  afterStart: number;
  /** ms from the signal (when sent) to the exit. */
  afterSignal: number;
}

function run(args: string[], options: { interruptAfterMs?: number } = {}): Promise<Timed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '', MOCK_LLM: 'true' } });
    let stderr = '';
    let startedAt = 0;
    let signalledAt = 0;
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const onData = () => {
      if (startedAt) return;
      startedAt = performance.now();
      if (options.interruptAfterMs !== undefined) {
        setTimeout(() => {
          signalledAt = performance.now();
          child.kill('SIGINT');
        }, options.interruptAfterMs);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), onData()));
    child.on('close', (code) => {
      clearTimeout(kill);
      const end = performance.now();
      resolve({ code, stderr, afterStart: end - startedAt, afterSignal: signalledAt ? end - signalledAt : NaN });
    });
  });
}

describe('host-side workflows obey their limits', () => {
  it('llmspell run x.workflow.yaml --timeout 2 ends at the time limit', async () => {
    const file = ws.write('spin.workflow.yaml', SPIN);
    const result = await run(['run', file, '--timeout', '2', '--quiet']);
    expect(result.stderr).toContain('workflow timed out: run exceeded its time limit (2 s)');
    expect(result.code).toBe(1);
    expect(result.afterStart).toBeLessThan(3_000);
  });

  it('Ctrl+C stops it within a second', async () => {
    const file = ws.write('spin2.workflow.yaml', SPIN);
    const result = await run(['run', file], { interruptAfterMs: 500 });
    expect(result.stderr).toContain('workflow stopped: interrupted');
    expect(result.code).toBe(1);
    expect(result.afterSignal).toBeLessThan(1_000);
  });

  it('a spell running it through the workflow bridge stays within its own time limit', async () => {
    ws.write('spin3.workflow.yaml', SPIN);
    const spell = ws.write('caller.lua', 'print("calling")\nlocal wf = assert(workflow.load("spin3.workflow.yaml"))\nprint(wf:run({}))\nprint("after")\n');
    const result = await run(['run', spell, '--timeout', '2']);
    expect(result.stderr).toMatch(/time limit \(2 s\)/);
    expect(result.code).toBe(1);
    expect(result.afterStart).toBeLessThan(3_000);
  });

  it('Stop in the studio ends it within a second, and the studio keeps answering meanwhile', async () => {
    const home = path.join(ws.dir, 'home');
    const project = path.join(ws.dir, 'project');
    mkdirSync(path.join(project, 'spells'), { recursive: true });
    const file = path.join(project, 'spells', 'spin.workflow.yaml');
    writeFileSync(file, SPIN);
    const studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
    const client = await StudioTestClient.connect(studio);
    try {
      const { runId } = await client.call('runs.start', { path: file, params: {} });
      await client.until(() => client.runEvents(runId).find((e) => e.type === 'workflow'), 10_000);
      const asked = performance.now();
      await client.call('settings.get', {});
      expect(performance.now() - asked).toBeLessThan(1_000);
      const stopAt = performance.now();
      await client.call('runs.stop', { runId });
      const finished = await client.finished(runId, 5_000);
      expect(performance.now() - stopAt).toBeLessThan(1_000);
      expect(finished.ok).toBe(false);
    } finally {
      await client.close();
      await studio.stop();
    }
  });
});
