import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace } from '../helpers/cli';
import { startLlmServer, type LlmServer } from '../helpers/llm-server';

describe('llmspell doctor', () => {
  const ws = tempWorkspace('llmspell-doctor-');
  let server: LlmServer;

  beforeAll(async () => {
    server = await startLlmServer({ apiKey: 'sk-good' });
  });
  afterAll(async () => {
    await server.close();
    ws.cleanup();
  });

  const project = (key: string) =>
    writeFileSync(path.join(ws.dir, 'llmspell.yaml'), `provider: local\nproviders:\n  local:\n    base_url: ${server.url}\n    api_key: ${key}\n    model: test-model\n`);

  it('passes every check on a working setup, one ✓ line each', async () => {
    project('sk-good');
    const { code, stdout } = await runCli(['doctor'], { cwd: ws.dir, env: { HOME: ws.dir, MOCK_LLM: '' }, timeoutMs: 60_000 });
    expect(stdout).toMatch(/^llmspell \d+\.\d+\.\d+ \(commit [\w-]+\) on Node/);
    expect(stdout).toContain(`✓ config: ${path.join(ws.dir, 'llmspell.yaml')}; provider local`);
    expect(stdout).toContain(`✓ provider local: ${server.url} reachable, key accepted`);
    for (const engine of ['lua', 'javascript', 'tengo']) expect(stdout).toMatch(new RegExp(`✓ engine ${engine}: starts and runs \\(\\d+ ms\\)`));
    expect(stdout).toContain(`✓ storage: ${path.join(ws.dir, '.llmspell', 'storage')} is writable`);
    expect(stdout).toMatch(/✓ studio assets: .*renderer[\\/]dist/);
    expect(stdout).not.toContain('sk-good');
    expect(stdout.trimEnd().endsWith('all checks passed')).toBe(true);
    expect(code).toBe(0);
    // The probe went to the provider with the key.
    expect(server.requests.some((r) => r.method === 'GET' && r.path === '/v1/models' && r.headers.authorization === 'Bearer sk-good')).toBe(true);
  }, 90_000);

  it('says ✗ with the fix for a refused key and an unwritable storage folder', async () => {
    project('sk-wrong');
    // A file where the storage folder should be: nothing can be written there (even as root).
    const home = path.join(ws.dir, 'home');
    mkdirSync(home);
    writeFileSync(path.join(home, 'storage'), 'not a folder');
    const { code, stdout } = await runCli(['doctor'], { cwd: ws.dir, env: { HOME: ws.dir, MOCK_LLM: '', LLMSPELL_HOME: home }, timeoutMs: 60_000 });
    expect(stdout).toContain(`✗ provider local: ${server.url} refused the key (HTTP 401)\n    fix: set a valid providers.local.api_key in llmspell.yaml`);
    expect(stdout).toMatch(/✗ storage: .*home[\\/]storage is not writable \((EEXIST|ENOTDIR)\)\n {4}fix: make .* writable by you, or point LLMSPELL_HOME at a writable folder/);
    expect(stdout).not.toContain('sk-wrong');
    expect(stdout).toContain('2 checks failed');
    expect(code).toBe(1);
  }, 90_000);

  it('reports an invalid configuration with what is wrong and where', async () => {
    writeFileSync(path.join(ws.dir, 'llmspell.yaml'), 'limits:\n  timeout: -1\n');
    const { code, stdout } = await runCli(['doctor', '--offline'], { cwd: ws.dir, env: { HOME: ws.dir }, timeoutMs: 60_000 });
    expect(stdout).toMatch(/✗ config: invalid:\n.*limits\.timeout.*positive number/);
    expect(stdout).toContain('fix: correct the entries above');
    expect(stdout).not.toContain('provider local');
    expect(code).toBe(1);
  }, 60_000);
});
