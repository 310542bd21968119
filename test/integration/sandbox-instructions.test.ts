/**
 * The opt-in instruction budget through the real CLI: a manifest's `limits.instructions` ends a busy
 * spell with its line, pcall cannot catch it, and a spell within its budget is untouched.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

function spell(name: string, code: string, limits: string): string {
  mkdirSync(path.join(ws.dir, name));
  ws.write(`${name}/spell.yaml`, `name: ${name}\nversion: 1.0.0\nlimits:\n${limits}`);
  ws.write(`${name}/main.lua`, code);
  return path.join(ws.dir, name);
}

describe('limits.instructions (opt-in)', () => {
  it('ends a busy spell at its instruction budget with the line, even inside pcall', async () => {
    const dir = spell('counted', 'local n = 0\nfor i = 1, 1e9 do\n  pcall(function() n = n + 1 end)\nend\nprint("escaped")\n', '  instructions: 2000000\n');
    const result = await runCli(['run', dir, '--json'], { cwd: ws.dir });
    const report = JSON.parse(result.stdout) as { ok: boolean; error: { message: string; code: string } };
    expect(report.ok).toBe(false);
    expect(report.error.message).toMatch(/^counted\/main\.lua:3: run exceeded its instruction limit \(2000000 instructions\)$/);
    expect(report.error.code).toBe('instruction_limit');
    expect(result.code).toBe(1);
  });

  it('lets a spell within its budget finish', async () => {
    const dir = spell('within', 'local n = 0\nfor i = 1, 1000 do n = n + i end\nprint(n)\n', '  instructions: 1000000\n');
    const result = await runCli(['run', dir], { cwd: ws.dir });
    expect(result.stdout).toBe('500500\n');
    expect(result.code).toBe(0);
  });

  it('refuses a budget that is not a positive whole number', async () => {
    const dir = spell('bad', 'print(1)\n', '  instructions: -5\n');
    const result = await runCli(['run', dir], { cwd: ws.dir });
    expect(result.stderr).toContain('instructions');
    expect(result.code).not.toBe(0);
  });
});
