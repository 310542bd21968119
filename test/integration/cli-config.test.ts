import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace();
afterAll(() => ws.cleanup());

describe('llmspell config', () => {
  it('shows the effective configuration with origins and masked secrets', async () => {
    ws.write('llmspell.yaml', 'limits:\n  timeout: 42\n');
    ws.write('.env', 'OPENAI_API_KEY=sk-from-dotenv-abcdefgh\n');
    const result = await runCli(['config', 'show'], { cwd: ws.dir, env: { HOME: ws.dir, LLMSPELL_MEMORY: '64', MOCK_LLM: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/limits\.timeout = 42\s+\(\.\/llmspell\.yaml\)/);
    expect(result.stdout).toMatch(/limits\.memory = 64\s+\(env LLMSPELL_MEMORY\)/);
    expect(result.stdout).toContain('.env OPENAI_API_KEY');
    expect(result.stdout).not.toContain('sk-from-dotenv-abcdefgh');
  });

  it('shows --json, and the provider a run really uses when none was chosen', async () => {
    const sub = path.join(ws.dir, 'json-case');
    mkdirSync(sub, { recursive: true });
    const env = { HOME: sub, LLMSPELL_TIMEOUT: '7', MOCK_LLM: '' };
    const none = await runCli(['config', 'show'], { cwd: sub, env });
    expect(none.stdout).toMatch(/^provider = mock\s+\(default: no provider has an API key, so the offline mock\)$/m);
    const json = await runCli(['config', 'show', '--json'], { cwd: sub, env: { ...env, ANTHROPIC_API_KEY: 'sk-ant-0123456789' } });
    const report = JSON.parse(json.stdout) as { values: Record<string, unknown>; origins: Record<string, string> };
    expect(report.values).toMatchObject({ provider: 'anthropic', 'limits.timeout': 7, 'providers.anthropic.api_key': 'sk-…6789' });
    expect(report.origins).toMatchObject({ provider: 'default: the first provider with an API key', 'limits.timeout': 'env LLMSPELL_TIMEOUT', 'providers.anthropic.api_key': 'env ANTHROPIC_API_KEY', 'limits.memory': 'default' });
    expect(json.stdout).not.toContain('sk-ant-0123456789');
    const chosen = await runCli(['config', 'show', '--json'], { cwd: sub, env: { ...env, LLMSPELL_PROVIDER: 'openai' } });
    expect((JSON.parse(chosen.stdout) as { origins: Record<string, string> }).origins.provider).toBe('env LLMSPELL_PROVIDER');
  });

  it('names the source, path and line of a bad value', async () => {
    ws.write('llmspell.yaml', 'limits:\n  timeout: soon\n  colour: blue\n');
    try {
      const result = await runCli(['config', 'show'], { cwd: ws.dir, env: { HOME: ws.dir } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('./llmspell.yaml:2: limits.timeout: expected a positive number, got "soon"');
      expect(result.stderr).toContain('./llmspell.yaml:3: limits.colour: unknown key (known keys: timeout, memory, cpu, max_depth, max_processes, llm_calls, tokens, llm_rate, cost)');
    } finally {
      ws.write('llmspell.yaml', '{}\n');
    }
  });

  it('writes a commented starter file once, with mode 0600', async () => {
    const home = path.join(ws.dir, 'home');
    const env = { HOME: ws.dir, LLMSPELL_HOME: home };
    const first = await runCli(['config', 'init'], { cwd: ws.dir, env });
    expect(first.code).toBe(0);
    const file = path.join(home, 'config.yaml');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('#');
    const second = await runCli(['config', 'init'], { cwd: ws.dir, env });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already exists');
    // The starter file is itself a valid configuration.
    expect((await runCli(['config', 'show'], { cwd: ws.dir, env })).code).toBe(0);
  });
});
