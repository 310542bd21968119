import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRunConsent } from '../../runtime/cli/run-consent';
import { UsageError } from '../../runtime/cli/usage-error';
import { installBundle } from '../../runtime/spells/bundle/install-bundle';
import { GrantStore } from '../../runtime/spells/consent/grant-store';
import { spellConsent } from '../../runtime/spells/consent/spell-consent';
import { packGreeter } from '../helpers/bundles';
import { CLI, runCli, tempWorkspace, type CliResult } from '../helpers/cli';
import { isAlive } from '../helpers/processes';

/**
 * `llmspell install` and `llmspell run` honour the studio's grants: installing approves, a revoked
 * or changed approval asks (or stops without a terminal, saying how to approve), and a spell with no
 * record at all runs as before. `llmspell mcp serve` refuses such a call (nobody can be asked).
 */
const ws = tempWorkspace('llmspell-cli-consent-');
const home = path.join(ws.dir, 'home');
const env = { HOME: ws.dir, LLMSPELL_HOME: home };
const cli = (...args: string[]) => runCli(args, { cwd: ws.dir, env });
const exits = (result: CliResult, code: number) => expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
const store = new GrantStore(home);
afterAll(() => ws.cleanup());

describe('llmspell and the grant store', () => {
  it('records the approval at install and runs without asking', async () => {
    const bundle = packGreeter(path.join(ws.dir, 'v1'), '1.0.0');
    const install = await cli('install', bundle, '--allow-unsigned');
    exits(install, 0);
    expect(install.stdout).toContain(`approved: its permissions are remembered in ${path.join(home, 'grants.json')}`);
    expect(store.list()).toEqual([expect.objectContaining({ name: 'greeter', version: '1.0.0', via: 'cli' })]);
    const run = await cli('run', 'greeter', 'name=Ada');
    exits(run, 0);
    expect(run.stdout).toBe('Hello, Ada\n');
    expect(run.stderr).toBe('');
  });

  it('stops a revoked spell without a terminal, saying what it may do and how to approve', async () => {
    expect(await store.revoke('greeter', '1.0.0')).toBe(true);
    const refused = await cli('run', 'greeter');
    exits(refused, 2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('greeter 1.0.0: its approval was revoked. It may:\n  network: api.example.com\n');
    expect(refused.stderr).toContain('unsigned: no trusted key vouches for who made it');
    expect(refused.stderr).toContain('llmspell run greeter --grant');

    const granted = await cli('run', 'greeter', '--grant');
    exits(granted, 0);
    expect(granted.stdout).toBe('Hello, world\n');
    expect(granted.stderr).toContain('approved greeter 1.0.0');
    exits(await cli('run', 'greeter'), 0);
  });

  it('asks again when the installed spell asks for other permissions', async () => {
    const manifest = path.join(home, 'spells', 'greeter', 'spell.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('tools: [word_count]', 'tools: true'));
    const refused = await cli('run', 'greeter');
    exits(refused, 2);
    expect(refused.stderr).toContain('greeter 1.0.0: it asks for other permissions than you approved. It may:');
    expect(refused.stderr).toContain('  tools: any tool\n');
    expect(refused.stderr).toContain('modified since it was installed');
  });

  it('asks on a terminal: no runs nothing, yes approves and remembers', async () => {
    const dir = path.join(home, 'spells', 'greeter');
    const terminal = (answer: string) => {
      const stderr = new PassThrough();
      let text = '';
      stderr.on('data', (d: Buffer) => (text += d.toString()));
      return { ask: { input: { readLine: async () => answer, readAll: async () => answer }, stderr }, text: () => text };
    };
    const no = terminal('n');
    await expect(checkRunConsent({ dir, home, grant: false, ask: no.ask })).rejects.toThrow(UsageError);
    expect(no.text()).toContain('? Allow greeter 1.0.0 to run with these permissions? [y/N] ');
    const yes = terminal('y');
    expect(await checkRunConsent({ dir, home, grant: false, ask: yes.ask })).toContain('approved greeter 1.0.0');
    expect(await checkRunConsent({ dir, home, grant: false })).toBeUndefined();
  });

  it('llmspell mcp serve refuses a call of a spell whose approval was revoked', async () => {
    await store.revoke('greeter', '1.0.0');
    const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve', 'greeter'], cwd: ws.dir, env: { PATH: process.env.PATH ?? '', ...env, MOCK_LLM: 'true' }, stderr: 'pipe' });
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(transport);
    const pid = transport.pid!;
    try {
      const refused = await client.callTool({ name: 'greeter', arguments: { name: 'Ada' } });
      expect(refused.isError).toBe(true);
      expect(JSON.stringify(refused.content)).toContain('its approval was revoked');
      await store.grant(spellConsent(path.join(home, 'spells', 'greeter'), home, store)!.request, 'cli');
      const ran = await client.callTool({ name: 'greeter', arguments: { name: 'Ada' } });
      expect(ran.content).toEqual([{ type: 'text', text: 'Hello, Ada\n' }]);
    } finally {
      await client.close();
    }
    for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(isAlive(pid)).toBe(false);
  });

  it('runs a spell with no record at all as before (installed before approvals existed)', async () => {
    const bundle = packGreeter(path.join(ws.dir, 'v2'), '2.0.0', { greeting: 'Hi' });
    installBundle(bundle, { home, allowUnsigned: true, force: true });
    const run = await cli('run', 'greeter');
    exits(run, 0);
    expect(run.stdout).toBe('Hi, world\n');
  });
});
