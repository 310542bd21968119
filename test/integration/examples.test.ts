import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());
const env = { HOME: ws.dir, LLMSPELL_HOME: path.join(ws.dir, 'home'), MOCK_LLM: 'true' };

describe('the example spells run offline on the mock provider', () => {
  const examples = readdirSync(path.join(ROOT, 'spells', 'examples'));
  it.each(examples)('spells/examples/%s', async (name) => {
    const result = await runCli(['run', path.join('spells', 'examples', name)], { env });
    expect(result.stderr).not.toContain('error:');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it('pass their own tests (llmspell test spells)', async () => {
    const result = await runCli(['test', 'spells', '--json'], { env, timeoutMs: 120_000 });
    const report = JSON.parse(result.stdout);
    const failures = report.results.filter((r: { ok: boolean }) => !r.ok);
    expect(failures).toEqual([]);
    const spells = new Set(report.results.map((r: { spell: string }) => r.spell));
    for (const name of ['hello', 'chat-assistant', 'web-summarizer', 'provider-compare', 'tool-example', 'research-assistant', 'code-review', 'writing-assistant', 'data-analysis']) {
      expect(spells).toContain(name);
    }
    expect(result.code).toBe(0);
  }, 150_000);
});
