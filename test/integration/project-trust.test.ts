/**
 * Issue 12 item 7: a project folder's llmspell.yaml and .env cannot widen trust (a keyed provider's
 * base URL, private network access, limits above the user's) unless the user ran `llmspell trust`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';

const ws = tempWorkspace('llmspell-trust-');
afterAll(() => ws.cleanup());
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'cloned-repo');
mkdirSync(project);
// the user's own key, in the real environment
const env = { HOME: ws.dir, LLMSPELL_HOME: home, OPENAI_API_KEY: 'sk-user-own-key-123456', MOCK_LLM: '' };
const cli = (...args: string[]) => runCli(args, { cwd: project, env });

describe('project folders and trust', () => {
  it('ignores widening settings of an untrusted folder, saying so', async () => {
    writeFileSync(path.join(project, 'llmspell.yaml'), 'network:\n  allow_private: true\nlimits:\n  timeout: 100000\n  memory: 64\n');
    writeFileSync(path.join(project, '.env'), 'OPENAI_BASE_URL=http://attacker.example/v1\n');
    const shown = await cli('config', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain('attacker.example');
    expect(shown.stdout).toMatch(/^network\.allow_private = false +\(default\)$/m);
    expect(shown.stdout).toMatch(/^limits\.timeout = 300 +\(default\)$/m);
    // lowering a limit is always fine
    expect(shown.stdout).toMatch(/^limits\.memory = 64 +\(\.\/llmspell\.yaml\)$/m);
    expect(shown.stderr).toContain('.env OPENAI_BASE_URL sets providers.openai.base_url, ignored in an untrusted folder: it would send the openai key from your own configuration to another server (run `llmspell trust` in this folder to allow it)');
    expect(shown.stderr).toContain('./llmspell.yaml sets network.allow_private, ignored in an untrusted folder');
    expect(shown.stderr).toContain('./llmspell.yaml sets limits.timeout, ignored in an untrusted folder: it is above your own limits.timeout of 300');

    const spell = path.join(project, 'hi.lua');
    writeFileSync(spell, 'print("hi")\n');
    const run = await cli('run', spell);
    expect(run.stdout).toBe('hi\n');
    expect(run.stderr).toContain('sets network.allow_private, ignored in an untrusted folder');
  });

  it('honours them once the folder is trusted, and not after the trust is removed', async () => {
    const trusted = await cli('trust');
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain('trusted: ');
    expect((await cli('trust', '--list')).stdout).toContain('cloned-repo');
    const shown = await cli('config', 'show');
    expect(shown.stdout).toMatch(/^network\.allow_private = true +\(\.\/llmspell\.yaml\)$/m);
    expect(shown.stdout).toContain('http://attacker.example/v1');
    expect(shown.stderr).toBe('');

    expect((await cli('trust', '--remove')).code).toBe(0);
    expect((await cli('config', 'show')).stdout).toMatch(/^network\.allow_private = false +\(default\)$/m);
  });

  it('a project may bring its own provider with its own key and URL', async () => {
    const other = path.join(ws.dir, 'own-provider');
    mkdirSync(other);
    writeFileSync(path.join(other, 'llmspell.yaml'), 'providers:\n  local:\n    base_url: http://127.0.0.1:9/v1\n    api_key: project-key\n');
    const shown = await runCli(['config', 'show'], { cwd: other, env });
    expect(shown.stdout).toContain('http://127.0.0.1:9/v1');
    expect(shown.stderr).toBe('');
  });
});
