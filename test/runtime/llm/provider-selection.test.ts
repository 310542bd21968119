import { describe, expect, it } from 'vitest';
import { createLlmService, LlmError, MOCK_FALLBACK_NOTICE } from '../../../runtime/llm';

describe('provider selection', () => {
  it('falls back to mock with a one-time notice when nothing is configured', () => {
    const llm = createLlmService({ settings: {}, env: {} });
    expect(llm.currentProvider()).toEqual({ name: 'mock', model: 'mock-model' });
    expect(llm.takeNotice()).toBe(MOCK_FALLBACK_NOTICE);
    expect(llm.takeNotice()).toBeUndefined();
  });

  it('an explicit mock choice shows no notice', () => {
    const llm = createLlmService({ settings: { provider: 'mock' }, env: { OPENAI_API_KEY: 'sk-x' } });
    expect(llm.currentProvider().name).toBe('mock');
    expect(llm.takeNotice()).toBeUndefined();
  });

  it('picks the first available in the fixed order', () => {
    const env = { OPENROUTER_API_KEY: 'or', GEMINI_API_KEY: 'g', ANTHROPIC_API_KEY: 'a' };
    expect(createLlmService({ env }).currentProvider()).toEqual({ name: 'anthropic', model: 'claude-sonnet-4-5' });
    expect(createLlmService({ env: { ...env, OPENAI_API_KEY: 'o' } }).currentProvider()).toEqual({ name: 'openai', model: 'gpt-4o' });
    expect(createLlmService({ env: { GEMINI_API_KEY: 'g' } }).currentProvider()).toEqual({ name: 'gemini', model: 'gemini-2.5-flash' });
    expect(createLlmService({ env: { OLLAMA_HOST: 'localhost:11434' } }).currentProvider().name).toBe('ollama');
  });

  it('settings keys count, and an explicit choice wins', () => {
    const settings = { providers: { gemini: { api_key: 'g' }, openai: { api_key: 'o' } }, provider: 'gemini', model: 'gemini-2.5-pro' };
    expect(createLlmService({ settings }).currentProvider()).toEqual({ name: 'gemini', model: 'gemini-2.5-pro' });
    expect(createLlmService({ settings: { ...settings, provider: undefined, model: undefined } }).currentProvider().name).toBe('openai');
  });

  it('a custom server is available when its base_url is set, after the built-ins', () => {
    const settings = { providers: { lab: { base_url: 'http://127.0.0.1:9/v1', model: 'lab-1' } } };
    const llm = createLlmService({ settings });
    expect(llm.currentProvider()).toEqual({ name: 'lab', model: 'lab-1' });
    const names = llm.listProviders().map((p) => p.name);
    expect(names).toEqual(['openai', 'anthropic', 'gemini', 'ollama', 'openrouter', 'lab', 'mock']);
  });

  it('lists providers with availability and never a key', () => {
    const llm = createLlmService({ env: { OPENAI_API_KEY: 'sk-very-secret-key-123' } });
    const list = llm.listProviders();
    expect(list.find((p) => p.name === 'openai')).toEqual({ name: 'openai', kind: 'openai-compatible', model: 'gpt-4o', available: true, current: true });
    expect(list.find((p) => p.name === 'anthropic')?.available).toBe(false);
    expect(list.find((p) => p.name === 'mock')).toMatchObject({ kind: 'mock', available: true, current: false });
    expect(JSON.stringify(list)).not.toContain('sk-very-secret');
  });

  it('ollama needs OLLAMA_HOST and gets /v1 appended', () => {
    expect(() => createLlmService({ settings: { provider: 'ollama' } })).toThrow(/'ollama' is not configured \(set OLLAMA_HOST\)/);
    const llm = createLlmService({ env: { OLLAMA_HOST: 'http://gpu-box:11434/' } });
    expect(llm.currentProvider().name).toBe('ollama');
  });

  it('setProvider switches, resets the model, and rejects unknown or unconfigured names', () => {
    const llm = createLlmService({ env: { OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g' }, settings: { model: 'gpt-4.1' } });
    expect(llm.currentProvider()).toEqual({ name: 'openai', model: 'gpt-4.1' });
    llm.setProvider('gemini');
    expect(llm.currentProvider()).toEqual({ name: 'gemini', model: 'gemini-2.5-flash' });
    llm.setProvider('mock', 'mock-model-large');
    expect(llm.currentProvider()).toEqual({ name: 'mock', model: 'mock-model-large' });
    expect(() => llm.setProvider('nope')).toThrow(
      "unknown LLM provider 'nope'; known providers: openai, anthropic, gemini, ollama, openrouter, mock",
    );
    expect(() => llm.setProvider('anthropic')).toThrow(LlmError);
    expect(() => llm.setProvider('anthropic')).toThrow(/set ANTHROPIC_API_KEY\); available providers: openai, gemini, mock/);
    expect(llm.currentProvider().name).toBe('mock');
  });

  it('an unknown explicit provider in settings is an error', () => {
    expect(() => createLlmService({ settings: { provider: 'openia' } })).toThrow(/unknown LLM provider 'openia'/);
  });
});
