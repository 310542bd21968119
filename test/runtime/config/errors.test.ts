import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type ConfigFlags, type ConfigProblem, type EnvVars } from '../../../runtime/config';
import { makeTempProject, type TempProject } from './temp-project';

let t: TempProject;
beforeEach(() => (t = makeTempProject()));
afterEach(() => t.cleanup());

/** Runs loadConfig expecting a ConfigError and returns it. */
function failure(env: EnvVars = {}, flags: ConfigFlags = {}): ConfigError {
  try {
    loadConfig({ cwd: t.cwd, env, flags, home: t.home });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}
const problems = (env?: EnvVars, flags?: ConfigFlags): ConfigProblem[] => failure(env, flags).problems;

describe('ConfigError', () => {
  it('reports a bad value in a file with source, path and line', () => {
    t.write('project/llmspell.yaml', '# limits\nlog_level: info\nlimits:\n  timeout: soon\n');
    const err = failure();
    expect(err.name).toBe('ConfigError');
    expect(err.problems).toEqual([{ source: './llmspell.yaml', path: 'limits.timeout', line: 4, message: 'expected a positive number, got "soon"' }]);
    expect(err.message).toBe('./llmspell.yaml:4: limits.timeout: expected a positive number, got "soon"');
  });

  it('reports unknown keys, at any depth, with the known ones', () => {
    t.write('project/llmspell.yaml', 'limits:\n  timout: 5\ncolour: red\nproviders:\n  openai:\n    apikey: x\n');
    expect(problems()).toEqual([
      { source: './llmspell.yaml', path: 'limits.timout', line: 2, message: 'unknown key (known keys: timeout, memory, cpu, max_depth, max_processes, llm_calls, tokens, llm_rate, cost)' },
      { source: './llmspell.yaml', path: 'colour', line: 3, message: expect.stringMatching(/^unknown key \(known keys: provider, model, log_level, /) },
      { source: './llmspell.yaml', path: 'providers.openai.apikey', line: 6, message: 'unknown key (known keys: api_key, base_url, model, llm_calls, tokens, llm_rate)' },
    ]);
  });

  it('reports wrong types, ranges, enums, lists and URLs', () => {
    t.write(
      'project/llmspell.yaml',
      ['log_level: loud', 'limits: 5', 'pool: { size: 17 }', 'llm: { retries: 1.5 }', 'storage: { extensions: txt }',
        'network: { allow_private: yes }', 'providers:', '  ollama: { base_url: "localhost:11434" }', '  "bad name!": { base_url: "http://x" }'].join('\n'),
    );
    const messages = problems().map((p) => `${p.line} ${p.path}: ${p.message}`);
    expect(messages).toEqual([
      '1 log_level: expected one of debug|info|warn|error, got "loud"',
      '2 limits: expected a mapping, got 5',
      '3 pool.size: expected an integer 0..16, got 17',
      '4 llm.retries: expected an integer 0..10, got 1.5',
      '5 storage.extensions: expected a list of extensions like ".txt", got "txt"',
      '6 network.allow_private: expected true or false, got "yes"',
      '8 providers.ollama.base_url: expected an http(s) URL, got "localhost:11434"',
      expect.stringMatching(/^9 providers\.bad name!: bad name: expected a provider name/),
    ]);
  });

  it('reports YAML syntax errors with their line, and a non-mapping top level', () => {
    t.write('project/llmspell.yaml', 'log_level: info\nlimits:\n  timeout: [1, 2\n');
    t.write('home/config.yaml', '- a\n- b\n');
    const found = problems();
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ source: join(t.home, 'config.yaml'), path: '', line: 1, message: 'expected a mapping of settings at the top level' });
    expect(found[1]).toMatchObject({ source: './llmspell.yaml', path: '', message: expect.stringMatching(/^YAML syntax error: /) });
    expect(found[1]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports duplicate keys as syntax errors', () => {
    t.write('project/llmspell.yaml', 'log_level: info\nlog_level: debug\n');
    expect(problems()).toEqual([expect.objectContaining({ source: './llmspell.yaml', line: 2, message: expect.stringContaining('unique') })]);
  });

  it('names the environment variable, the .env variable or the flag', () => {
    t.write('project/.env', 'LLMSPELL_TIMEOUT=later\n');
    const err = failure({ LLMSPELL_POOL_SIZE: 'x', MOCK_LLM: 'maybe' }, { memory: '-1' });
    expect(err.message.split('\n')).toEqual([
      '.env LLMSPELL_TIMEOUT: limits.timeout: expected a positive number, got "later"',
      'env MOCK_LLM: provider: expected true or false, got "maybe"',
      'env LLMSPELL_POOL_SIZE: pool.size: expected an integer 0..16, got "x"',
      'flag --memory: limits.memory: expected a positive number, got -1',
    ]);
  });

  it('lists every problem of every source at once', () => {
    t.write('home/config.yaml', 'pool:\n  size: many\n');
    t.write('project/llmspell.yaml', 'limits:\n  timeout: soon\n  memory: 0\n');
    const found = problems({ LLMSPELL_LOG_LEVEL: 'chatty', OPENAI_BASE_URL: 'ftp://x' }, { timeout: 'never' });
    expect(found.map((p) => `${p.source}|${p.path}|${p.line ?? ''}`)).toEqual([
      `${join(t.home, 'config.yaml')}|pool.size|2`,
      './llmspell.yaml|limits.timeout|2',
      './llmspell.yaml|limits.memory|3',
      'env LLMSPELL_LOG_LEVEL|log_level|',
      'env OPENAI_BASE_URL|providers.openai.base_url|',
      'flag --timeout|limits.timeout|',
    ]);
  });

  it('checks across sources: custom providers need base_url, provider must exist', () => {
    t.write('project/llmspell.yaml', 'provider: lab\nproviders:\n  lab:\n    api_key: k\n');
    expect(problems()).toEqual([
      { source: './llmspell.yaml', path: 'providers.lab', line: 3, message: 'custom provider "lab" needs base_url (an OpenAI-compatible endpoint)' },
    ]);
    t.write('project/llmspell.yaml', 'providers:\n  lab:\n    base_url: http://localhost:1234/v1\n');
    expect(loadConfig({ cwd: t.cwd, env: { LLMSPELL_PROVIDER: 'lab' }, home: t.home }).config.provider).toBe('lab');
    expect(problems({ LLMSPELL_PROVIDER: 'nope' })).toEqual([
      { source: 'env LLMSPELL_PROVIDER', path: 'provider', message: 'expected mock, openai, anthropic, gemini, ollama, openrouter or a name under providers, got "nope"' },
    ]);
  });

  it('never prints a secret in an error', () => {
    t.write('project/llmspell.yaml', 'providers:\n  openai:\n    api_key: 1234567890123\n');
    const err = failure();
    expect(err.message).toBe('./llmspell.yaml:3: providers.openai.api_key: expected a non-empty string, got "123…0123"');
  });
});
