import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULTS, initConfigFile, loadConfig, starterConfigText } from '../../../runtime/config';
import { makeTempProject, type TempProject } from './temp-project';

let t: TempProject;
beforeEach(() => (t = makeTempProject()));
afterEach(() => t.cleanup());

describe('starterConfigText', () => {
  it('parses as a valid configuration equal to the defaults', () => {
    t.write('project/llmspell.yaml', starterConfigText());
    const { config, origins } = loadConfig({ cwd: t.cwd, env: {}, home: t.home });
    expect(config).toEqual({ ...DEFAULTS, provider: 'mock' });
    expect(origins['limits.timeout']).toBe('./llmspell.yaml');
    expect(origins['storage.extensions']).toBe('./llmspell.yaml');
  });

  it('comments every section and keeps provider keys commented out', () => {
    const text = starterConfigText();
    const lines = text.split('\n');
    for (const section of Object.keys(DEFAULTS)) {
      const at = lines.indexOf(`${section}:`) >= 0 ? lines.indexOf(`${section}:`) : lines.findIndex((l) => l.startsWith(`${section}: `));
      expect(at, section).toBeGreaterThan(0);
      expect(lines[at - 1], section).toMatch(/^# /);
    }
    expect(text).toMatch(/^# provider: /m);
    expect(text).not.toMatch(/^\s*api_key:/m);
  });

  it('still loads after uncommenting a provider example', () => {
    const text = starterConfigText().replace('  # openai:\n  #   api_key: sk-...', '  openai:\n    api_key: sk-test-1234567890');
    t.write('project/llmspell.yaml', text);
    const { config } = loadConfig({ cwd: t.cwd, env: {}, home: t.home });
    expect(config.provider).toBe('openai');
    expect(config.providers.openai?.api_key).toBe('sk-test-1234567890');
  });
});

describe('initConfigFile', () => {
  it('writes the starter file with mode 0600, creating the folder, leaving no temp file', () => {
    const path = join(t.root, 'fresh-home', 'config.yaml');
    expect(initConfigFile(path)).toEqual({ written: true, path });
    expect(readFileSync(path, 'utf8')).toBe(starterConfigText());
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(t.root, 'fresh-home'))).toEqual(['config.yaml']);
    expect(loadConfig({ cwd: t.cwd, env: { LLMSPELL_HOME: join(t.root, 'fresh-home') } }).origins['pool.size']).toBe(path);
  });

  it('refuses to overwrite an existing file', () => {
    const path = join(t.home, 'config.yaml');
    writeFileSync(path, 'log_level: debug\n');
    expect(initConfigFile(path)).toEqual({ written: false, path });
    expect(readFileSync(path, 'utf8')).toBe('log_level: debug\n');
    expect(readdirSync(t.home)).toEqual(['config.yaml']);
    expect(existsSync(path)).toBe(true);
  });
});
