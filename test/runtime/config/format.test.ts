import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatConfig, isSecretPath, loadConfig, maskSecret } from '../../../runtime/config';
import { makeTempProject, type TempProject } from './temp-project';

let t: TempProject;
beforeEach(() => (t = makeTempProject()));
afterEach(() => t.cleanup());

describe('formatConfig', () => {
  it('prints every effective value with its origin, one per line', () => {
    t.write('project/llmspell.yaml', 'providers:\n  openai:\n    model: gpt-4o\n');
    const loaded = loadConfig({ cwd: t.cwd, env: { LLMSPELL_TIMEOUT: '5' }, flags: { memory: 64 }, home: t.home });
    const lines = formatConfig(loaded).trimEnd().split('\n');
    expect(lines).toHaveLength(Object.keys(loaded.origins).length);
    expect(lines[0]).toMatch(/^provider = mock +\(default\)$/);
    expect(lines).toContainEqual(expect.stringMatching(/^limits\.timeout = 5 {3,}\(env LLMSPELL_TIMEOUT\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^limits\.memory = 64 {3,}\(flag --memory\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^providers\.openai\.model = gpt-4o {3,}\(\.\/llmspell\.yaml\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^storage\.extensions = \["\.txt", "\.json", .*\] {3}\(default\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^network\.allow_private = false {3,}\(default\)$/));
  });

  it('masks api keys and never prints a whole secret', () => {
    const long = 'sk-proj-0123456789abcdef';
    t.write('project/llmspell.yaml', 'providers:\n  gemini:\n    api_key: short\n');
    const text = formatConfig(loadConfig({ cwd: t.cwd, env: { OPENAI_API_KEY: long }, home: t.home }));
    expect(text).toMatch(/^providers\.openai\.api_key = sk-…cdef +\(env OPENAI_API_KEY\)$/m);
    expect(text).toMatch(/^providers\.gemini\.api_key = \*\*\*\* +\(\.\/llmspell\.yaml\)$/m);
    expect(text).not.toContain(long);
    expect(text).not.toContain('short');
  });
});

describe('secrets', () => {
  it('recognises secret names', () => {
    for (const path of ['providers.openai.api_key', 'x.token', 'x.client_secret', 'x.key', 'x.password']) expect(isSecretPath(path)).toBe(true);
    for (const path of ['providers.openai.model', 'limits.timeout', 'providers.key_store.base_url']) expect(isSecretPath(path)).toBe(false);
  });

  it('shows at most the first 3 and last 4 characters', () => {
    expect(maskSecret('sk-abcdefgh1234')).toBe('sk-…1234');
    expect(maskSecret('abcdefghijk')).toBe('****');
    expect(maskSecret('')).toBe('****');
  });
});
