/** Issue 12: per-run LLM budgets (limits.llm_calls, limits.tokens, limits.llm_rate), enforced in the host. */
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-llm-budget-');
afterAll(() => ws.cleanup());
const env = { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: 'true' };

const SPELL = `
for i = 1, 4 do
  local answer, err = llm.chat("hello " .. i)
  print(i, answer ~= nil, err)
end
`;

function project(name: string, limits: string): string {
  const dir = path.join(ws.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'llmspell.yaml'), `limits:\n${limits}`);
  writeFileSync(path.join(dir, 'spell.lua'), SPELL);
  return dir;
}

describe('LLM budgets', () => {
  it('limits.llm_calls stops further calls with a clear error and one notice', async () => {
    const dir = project('calls', '  llm_calls: 2\n');
    const result = await runCli(['run', 'spell.lua'], { cwd: dir, env });
    expect(result.stdout).toBe(
      '1\ttrue\tnil\n2\ttrue\tnil\n3\tfalse\tLLM budget reached: the run made its 2 LLM calls (limits.llm_calls)\n4\tfalse\tLLM budget reached: the run made its 2 LLM calls (limits.llm_calls)\n',
    );
    expect(result.stderr.match(/LLM budget reached/g)).toHaveLength(1);
  });

  it('limits.tokens stops calls once the run used its tokens', async () => {
    const dir = project('tokens', '  tokens: 1\n');
    const result = await runCli(['run', 'spell.lua'], { cwd: dir, env });
    expect(result.stdout.split('\n')[0]).toBe('1\ttrue\tnil');
    expect(result.stdout).toMatch(/^2\tfalse\tLLM budget reached: the run used \d+ of its 1 tokens \(limits\.tokens\)$/m);
  });

  it('limits.llm_rate caps calls per minute, and --json shows it in the output and the usage', async () => {
    const dir = project('rate', '  llm_rate: 3\n');
    const result = await runCli(['run', 'spell.lua', '--json'], { cwd: dir, env });
    const report = JSON.parse(result.stdout) as { ok: boolean; output: string; usage: { totals: { calls: number } } };
    expect(report.output).toContain('4\tfalse\tLLM budget reached: the run made 3 LLM calls in the last minute (limits.llm_rate)');
    expect(report.usage.totals.calls).toBe(3);
  });
});
