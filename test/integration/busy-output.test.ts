/**
 * A spell that prints and then computes without ever yielding: its output still reaches the host as
 * it is made (the engine's watchdog thread flushes it; no instruction hook does), and the time limit
 * still ends it with its line.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

describe('a busy spell', () => {
  it('shows what it printed long before its time limit ends it', async () => {
    const file = ws.write('busy.lua', 'print("early")\nlocal n = 0\nwhile true do n = n + 1 end\n');
    const child = spawn(process.execPath, [CLI, 'run', file, '--timeout', '3'], { cwd: ws.dir, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let printedAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (printedAt === undefined && stdout.includes('early')) printedAt = performance.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const exitedAt = performance.now();
    expect(stdout).toBe('early\n');
    expect(stderr).toMatch(/busy\.lua:3: run exceeded its time limit \(3 s\)/);
    expect(code).toBe(1);
    // The spell spun for 3 s after printing: the line must have arrived well before the end.
    expect(exitedAt - printedAt!).toBeGreaterThan(1500);
  });
});
