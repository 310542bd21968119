import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS, llmspellHome, loadConfig, type ConfigFlags, type EnvVars } from '../../../runtime/config';
import { setFolderTrust } from '../../../runtime/config/trusted-folders';
import { makeTempProject, type TempProject } from './temp-project';

let t: TempProject;
beforeEach(() => (t = makeTempProject()));
afterEach(() => t.cleanup());

const load = (env: EnvVars = {}, flags: ConfigFlags = {}) => loadConfig({ cwd: t.cwd, env, flags, home: t.home });

describe('loadConfig precedence', () => {
  it('uses the defaults when nothing is configured, and provider mock', () => {
    const { config, origins } = load();
    expect(config).toEqual({ ...DEFAULTS, provider: 'mock' });
    expect(new Set(Object.values(origins))).toEqual(new Set(['default']));
    expect(origins['limits.timeout']).toBe('default');
    expect(origins['storage.extensions']).toBe('default');
    expect(origins.provider).toBe('default');
    config.storage.extensions.push('.exe');
    expect(DEFAULTS.storage.extensions).not.toContain('.exe');
  });

  it('layers user file < project file < .env < env < flags, each labelled', () => {
    const userFile = join(t.home, 'config.yaml');
    // the project layers only lower the user's limits (issue 12 item 7: raising them needs trust)
    t.write('home/config.yaml', 'limits:\n  timeout: 100\n  memory: 100\n');
    expect(load().config.limits).toEqual({ timeout: 100, memory: 100, max_depth: 8, max_processes: 16 });
    expect(load().origins['limits.timeout']).toBe(userFile);

    t.write('project/llmspell.yaml', 'limits: { timeout: 20 }\n');
    expect(load().config.limits).toEqual({ timeout: 20, memory: 100, max_depth: 8, max_processes: 16 });
    expect(load().origins).toMatchObject({ 'limits.timeout': './llmspell.yaml', 'limits.memory': userFile });

    t.write('project/.env', 'LLMSPELL_TIMEOUT=30\n');
    expect(load().config.limits.timeout).toBe(30);
    expect(load().origins['limits.timeout']).toBe('.env LLMSPELL_TIMEOUT');

    expect(load({ LLMSPELL_TIMEOUT: '40' }).config.limits.timeout).toBe(40);
    expect(load({ LLMSPELL_TIMEOUT: '40' }).origins['limits.timeout']).toBe('env LLMSPELL_TIMEOUT');

    const top = load({ LLMSPELL_TIMEOUT: '40' }, { timeout: 50 });
    expect(top.config.limits.timeout).toBe(50);
    expect(top.origins['limits.timeout']).toBe('flag --timeout');
  });

  it('reads every LLMSPELL_* variable and every flag', () => {
    const env = { LLMSPELL_PROVIDER: 'ollama', LLMSPELL_MODEL: 'm1', LLMSPELL_LOG_LEVEL: 'warn', LLMSPELL_MEMORY: '64', LLMSPELL_POOL_SIZE: '4' };
    const fromEnv = load(env);
    expect(fromEnv.config).toMatchObject({ provider: 'ollama', model: 'm1', log_level: 'warn', limits: { memory: 64 }, pool: { size: 4 } });
    expect(fromEnv.origins).toMatchObject({ provider: 'env LLMSPELL_PROVIDER', 'pool.size': 'env LLMSPELL_POOL_SIZE', log_level: 'env LLMSPELL_LOG_LEVEL' });

    const flags = { provider: 'mock', model: 'x', logLevel: 'debug', timeout: '5', memory: 32, poolSize: 0, json: true };
    const fromFlags = load(env, flags);
    expect(fromFlags.config).toMatchObject({ provider: 'mock', model: 'x', log_level: 'debug', limits: { timeout: 5, memory: 32 }, pool: { size: 0 } });
    expect(fromFlags.origins).toMatchObject({ provider: 'flag --provider', log_level: 'flag --log-level', 'pool.size': 'flag --pool-size', model: 'flag --model' });
  });

  it('gives .env lower precedence than the real environment', () => {
    t.write('project/.env', 'OPENAI_API_KEY=sk-from-dotenv-file\nANTHROPIC_API_KEY="sk-ant-dotenv"\n');
    const { config, origins } = load({ OPENAI_API_KEY: 'sk-from-real-env' });
    expect(config.providers.openai?.api_key).toBe('sk-from-real-env');
    expect(origins['providers.openai.api_key']).toBe('env OPENAI_API_KEY');
    expect(config.providers.anthropic?.api_key).toBe('sk-ant-dotenv');
    expect(origins['providers.anthropic.api_key']).toBe('.env ANTHROPIC_API_KEY');
  });

  it('maps the well-known provider variables and merges providers field by field', () => {
    t.write('home/config.yaml', 'providers:\n  openai:\n    model: gpt-4o-mini\n');
    const env = { OPENAI_API_KEY: 'sk-1', OPENAI_BASE_URL: 'https://proxy.example/v1', GEMINI_API_KEY: 'g', GEMINI_MODEL: 'gm', OLLAMA_HOST: 'localhost:11434', OPENROUTER_API_KEY: 'or', OPENROUTER_MODEL: 'om', ANTHROPIC_MODEL: 'am' };
    const { config, origins } = load(env);
    expect(config.providers).toEqual({
      openai: { model: 'gpt-4o-mini', api_key: 'sk-1', base_url: 'https://proxy.example/v1' },
      anthropic: { model: 'am' },
      gemini: { api_key: 'g', model: 'gm' },
      ollama: { base_url: 'http://localhost:11434' },
      openrouter: { api_key: 'or', model: 'om' },
    });
    expect(origins['providers.openai.model']).toBe(join(t.home, 'config.yaml'));
    expect(origins['providers.ollama.base_url']).toBe('env OLLAMA_HOST');
    expect(config.provider).toBe('openai');
  });

  it('picks the first available provider by default, else mock; MOCK_LLM forces mock', () => {
    expect(load({ ANTHROPIC_API_KEY: 'a', OPENROUTER_API_KEY: 'o' }).config.provider).toBe('anthropic');
    t.write('project/llmspell.yaml', 'providers:\n  local:\n    base_url: http://127.0.0.1:8080/v1\n');
    expect(load().config.provider).toBe('local');
    const mocked = load({ ANTHROPIC_API_KEY: 'a', LLMSPELL_PROVIDER: 'anthropic', MOCK_LLM: 'true' });
    expect(mocked.config.provider).toBe('mock');
    expect(mocked.origins.provider).toBe('env MOCK_LLM');
    expect(load({ MOCK_LLM: 'false', ANTHROPIC_API_KEY: 'a' }).config.provider).toBe('anthropic');
    expect(load({ MOCK_LLM: '1' }, { provider: 'local' }).config.provider).toBe('local');
  });

  it('replaces lists instead of appending, and treats empty sections as unset', () => {
    t.write('project/llmspell.yaml', 'storage:\n  extensions: [.lua]\nnetwork:\nlibrary:\n  folders: [/spells]\n');
    const { config, origins } = load();
    expect(config.storage).toEqual({ max_bytes: DEFAULTS.storage.max_bytes, quota_bytes: DEFAULTS.storage.quota_bytes, extensions: ['.lua'] });
    expect(config.network).toEqual(DEFAULTS.network);
    expect(origins).toMatchObject({ 'storage.extensions': './llmspell.yaml', 'storage.max_bytes': 'default', 'library.folders': './llmspell.yaml' });
  });

  it('locates the user file through LLMSPELL_HOME, from the environment or .env', () => {
    t.write('elsewhere/config.yaml', 'log_level: error\n');
    const elsewhere = join(t.root, 'elsewhere');
    const viaEnv = loadConfig({ cwd: t.cwd, env: { LLMSPELL_HOME: elsewhere } });
    expect(viaEnv.config.log_level).toBe('error');
    expect(viaEnv.origins.log_level).toBe(join(elsewhere, 'config.yaml'));
    // from .env only in a folder the user trusted (issue 12 item 7): HOME decides where trust is kept
    t.write('project/.env', `LLMSPELL_HOME=${elsewhere}\n`);
    const savedHome = process.env.HOME;
    process.env.HOME = t.root;
    try {
      const untrusted = loadConfig({ cwd: t.cwd, env: {} });
      expect(untrusted.config.log_level).toBe('info');
      expect(untrusted.ignored).toEqual([expect.stringContaining('.env sets LLMSPELL_HOME, ignored in an untrusted folder')]);
      setFolderTrust(join(t.root, '.llmspell'), t.cwd, true);
      expect(loadConfig({ cwd: t.cwd, env: {} }).config.log_level).toBe('error');
    } finally {
      process.env.HOME = savedHome;
    }
    expect(llmspellHome({ LLMSPELL_HOME: '/x/y' })).toBe('/x/y');
    expect(llmspellHome({})).toMatch(/\.llmspell$/);
  });

  it('never mutates the env object or process.env', () => {
    t.write('project/.env', 'OPENAI_API_KEY=sk-dotenv\n');
    const env = Object.freeze({ LLMSPELL_TIMEOUT: '9' });
    const before = { ...process.env };
    expect(load(env).config.limits.timeout).toBe(9);
    expect(process.env).toEqual(before);
  });
});
