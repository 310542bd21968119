import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create, extract } from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempWorkspace, type CliResult } from '../helpers/cli';

const ws = tempWorkspace('llmspell-cli-bundles-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
mkdirSync(project);
const env = { HOME: ws.dir, LLMSPELL_HOME: home };
const cli = (...args: string[]) => runCli(args, { cwd: project, env });
/** Fails with the command's stderr when its exit code is not the expected one. */
const exits = (result: CliResult, code: number) => expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(code);
afterAll(() => ws.cleanup());

function writeSpell(version: string, greeting = 'Hello') {
  const dir = path.join(project, 'hello');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'spell.yaml'),
    `name: hello\nversion: ${version}\ndescription: Greets\nparameters:\n  - name: name\n    default: world\npermissions:\n  network: [api.example.com]\n  llm: true\n`,
  );
  writeFileSync(path.join(dir, 'main.lua'), `print("${greeting}, " .. params.name)\n`);
}

describe('llmspell pack → install → run', () => {
  it('installs a packed spell, shows its permissions, and runs it by name', async () => {
    writeSpell('1.0.0');
    const pack = await cli('pack', 'hello', '--out', 'dist');
    exits(pack, 0);
    expect(pack.stdout).toBe('packed hello 1.0.0 → dist/hello-1.0.0.spell (2 files, unsigned)\n');

    const refused = await cli('install', 'dist/hello-1.0.0.spell');
    exits(refused, 1);
    expect(refused.stderr).toContain('hello 1.0.0 is unsigned: no trusted key vouches for who made it. Install it anyway with --allow-unsigned');
    const install = await cli('install', 'dist/hello-1.0.0.spell', '--allow-unsigned');
    exits(install, 0);
    expect(install.stdout).toContain(`installed hello 1.0.0 into ${path.join(home, 'spells', 'hello')}`);
    expect(install.stdout).toContain('unsigned: its contents match its digest');
    expect(install.stdout).toContain('it asks for:\n  network: api.example.com\n  llm: any provider; models: any model\n');

    // From another folder, the name resolves to the installed copy.
    const run = await runCli(['run', 'hello', 'name=Ada'], { cwd: ws.dir, env });
    exits(run, 0);
    expect(run.stdout).toBe('Hello, Ada\n');
  });

  it('never replaces a different version unless forced', async () => {
    writeSpell('2.0.0', 'Hi');
    exits(await cli('pack', 'hello', '--out', 'dist'), 0);
    const refused = await cli('install', 'dist/hello-2.0.0.spell', '--allow-unsigned');
    exits(refused, 1);
    expect(refused.stderr).toContain('already holds version 1.0.0; refusing to replace it with 2.0.0 (use --force to replace it)');
    const still = await runCli(['run', 'hello'], { cwd: ws.dir, env });
    expect(still.stderr + still.stdout).toBe('Hello, world\n');

    const forced = await cli('install', 'dist/hello-2.0.0.spell', '--force', '--allow-unsigned');
    exits(forced, 0);
    expect(forced.stdout).toContain('(replaced 1.0.0)');
    expect((await runCli(['run', 'hello'], { cwd: ws.dir, env })).stdout).toBe('Hi, world\n');
  });

  it('refuses a tampered bundle', async () => {
    const root = path.join(ws.dir, 'tamper');
    mkdirSync(root);
    extract({ file: path.join(project, 'dist/hello-2.0.0.spell'), cwd: root, sync: true });
    writeFileSync(path.join(root, 'main.lua'), 'print("pwned")\n');
    const file = path.join(ws.dir, 'tampered.spell');
    create({ gzip: true, file, cwd: root, sync: true }, readdirSync(root));
    const result = await cli('install', file, '--force', '--allow-unsigned');
    exits(result, 1);
    expect(result.stderr).toContain('main.lua does not match its digest');
    expect(readFileSync(path.join(home, 'spells/hello/main.lua'), 'utf8')).toContain('Hi, ');
  });

  it('refuses an archive with a path traversal entry', async () => {
    const stage = path.join(ws.dir, 'stage/inner');
    mkdirSync(stage, { recursive: true });
    writeFileSync(path.join(stage, 'spell.yaml'), 'name: evil\nversion: 1.0.0\n');
    writeFileSync(path.join(ws.dir, 'stage/escape.lua'), 'print(1)\n');
    const file = path.join(ws.dir, 'evil.spell');
    create({ gzip: true, file, cwd: stage, sync: true, preservePaths: true }, ['spell.yaml', '../escape.lua']);
    const result = await cli('install', file, '--allow-unsigned');
    exits(result, 1);
    expect(result.stderr).toContain('"../escape.lua" has a ".." segment (path traversal)');
    expect(existsSync(path.join(home, 'spells/evil'))).toBe(false);
    expect(existsSync(path.join(home, 'escape.lua'))).toBe(false);
  });
});

describe('llmspell keygen, pack --sign, install with trusted keys', () => {
  it('verifies a signature from a trusted key and refuses an untrusted one', async () => {
    const keygen = await cli('keygen', 'me', '--out', 'keys');
    exits(keygen, 0);
    expect(keygen.stdout).toMatch(/fingerprint [0-9a-f]{64}/);
    writeSpell('3.0.0');
    const pack = await cli('pack', 'hello', '--out', 'signed', '--sign', 'keys/me.key');
    exits(pack, 0);
    expect(pack.stdout).toMatch(/signed by key [0-9a-f]{16}/);

    const untrusted = await cli('install', 'signed/hello-3.0.0.spell', '--force');
    exits(untrusted, 1);
    expect(untrusted.stderr).toContain('signed by a key that is not trusted');
    expect(untrusted.stderr).toContain(path.join(home, 'trusted-keys'));

    mkdirSync(path.join(home, 'trusted-keys'), { recursive: true });
    writeFileSync(path.join(home, 'trusted-keys/me.pub'), readFileSync(path.join(project, 'keys/me.pub')));
    const trusted = await cli('install', 'signed/hello-3.0.0.spell', '--force');
    exits(trusted, 0);
    expect(trusted.stdout).toMatch(/signature verified with trusted key [0-9a-f]{16} \(.*me\.pub\)/);
  });

  it('trusts a key it generates with --trust, and keeps the private key private', async () => {
    const result = await cli('keygen', '--trust');
    exits(result, 0);
    expect(existsSync(path.join(home, 'trusted-keys/signing.pub'))).toBe(true);
    const { statSync } = await import('node:fs');
    expect(statSync(path.join(home, 'keys/signing.key')).mode & 0o777).toBe(0o600);
    exits(await cli('keygen', '--trust'), 2);
  });
});

describe('signatures cannot be stripped (issue 12 item 6)', () => {
  it('refuses a signed bundle whose signature was deleted, and one re-hashed without it unless allowed', async () => {
    exits(await cli('keygen', 'pub', '--out', 'keys6'), 0);
    mkdirSync(path.join(home, 'trusted-keys'), { recursive: true });
    writeFileSync(path.join(home, 'trusted-keys/pub.pub'), readFileSync(path.join(project, 'keys6/pub.pub')));
    writeSpell('6.0.0');
    exits(await cli('pack', 'hello', '--out', 'signed6', '--sign', 'keys6/pub.key'), 0);
    const root = path.join(ws.dir, 'strip');
    mkdirSync(root);
    extract({ file: path.join(project, 'signed6/hello-6.0.0.spell'), cwd: root, sync: true });
    rmSync(path.join(root, '.spell-signature.json'));
    const stripped = path.join(ws.dir, 'stripped.spell');
    create({ gzip: true, file: stripped, cwd: root, sync: true }, readdirSync(root));
    const refused = await cli('install', stripped, '--force', '--allow-unsigned');
    exits(refused, 1);
    expect(refused.stderr).toContain('names its publisher');
    expect(refused.stderr).toContain('but carries no signature');

    // Re-hashed without the publisher: an ordinary unsigned bundle, which needs consent.
    const digest = JSON.parse(readFileSync(path.join(root, '.spell-digest.json'), 'utf8')) as Record<string, unknown>;
    delete digest.publisher;
    writeFileSync(path.join(root, '.spell-digest.json'), JSON.stringify(digest));
    const rehashed = path.join(ws.dir, 'rehashed.spell');
    create({ gzip: true, file: rehashed, cwd: root, sync: true }, readdirSync(root));
    const unsigned = await cli('install', rehashed, '--force');
    exits(unsigned, 1);
    expect(unsigned.stderr).toContain('is unsigned');
  });

  it('require_signed (config or flag) refuses unsigned bundles even with consent', async () => {
    writeSpell('7.0.0');
    exits(await cli('pack', 'hello', '--out', 'dist7'), 0);
    const flagged = await cli('install', 'dist7/hello-7.0.0.spell', '--force', '--allow-unsigned', '--require-signed');
    exits(flagged, 1);
    expect(flagged.stderr).toContain('only signed bundles may be installed');
    mkdirSync(home, { recursive: true });
    writeFileSync(path.join(home, 'config.yaml'), 'install:\n  require_signed: true\n');
    try {
      const configured = await cli('install', 'dist7/hello-7.0.0.spell', '--force', '--allow-unsigned');
      exits(configured, 1);
      expect(configured.stderr).toContain('only signed bundles may be installed (install.require_signed or --require-signed)');
    } finally {
      rmSync(path.join(home, 'config.yaml'));
    }
  });

  it('shows limits a bundle asks for above the user\'s own', async () => {
    const dir = path.join(project, 'greedy');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: greedy\nversion: 1.0.0\nlimits:\n  timeout: 24h\n  memory: 64MB\n  cpu: 10m\n');
    writeFileSync(path.join(dir, 'main.lua'), 'print(1)\n');
    exits(await cli('pack', 'greedy', '--out', 'dist8'), 0);
    const install = await cli('install', 'dist8/greedy-1.0.0.spell', '--allow-unsigned');
    exits(install, 0);
    // With no CPU limit of the user's own, the one asked for only lowers it: no "above" note.
    expect(install.stdout).toContain('it asks for limits:\n  timeout 86400 s (above your 300 s: it runs with 300 s unless you pass --timeout 86400)\n  memory 64 MB\n  cpu 600 s\n');
  });
});
