import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../runtime/contract/consent';
import { installBundle } from '../../runtime/spells/bundle/install-bundle';
import { packSpell } from '../../runtime/spells/bundle/pack-spell';
import { readBundle } from '../../runtime/spells/bundle/read-bundle';
import { verifyBundle } from '../../runtime/spells/bundle/verify-bundle';
import { base64Of, makeKeys, packGreeter, repack } from '../helpers/bundles';
import { tempWorkspace } from '../helpers/cli';
import { closeStudio, startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

/**
 * Install and consent through the real studio server: uploads are bounded and verified with the
 * CLI's bundle code, nothing is installed or run without an approval of exactly what was shown, and
 * grants live per name + version + permission set until revoked.
 */
const ws = tempWorkspace('llmspell-studio-consent-');
const home = path.join(ws.dir, 'home');
const project = path.join(ws.dir, 'project');
const work = path.join(ws.dir, 'work');
mkdirSync(path.join(project, 'spells'), { recursive: true });
mkdirSync(work, { recursive: true });
const installed = path.join(home, 'spells', 'greeter');
let studio: StudioProcess;
let client: StudioTestClient;
const publisher = makeKeys(path.join(ws.dir, 'keys'), 'publisher', home);

beforeAll(async () => {
  studio = await startStudio({ home, cwd: project, env: { MOCK_LLM: 'true' } });
  client = await StudioTestClient.connect(studio);
});

afterAll(async () => {
  await closeStudio(studio, client);
  ws.cleanup();
});

const upload = (file: string) => client.call('bundles.upload', { fileName: path.basename(file), data: base64Of(file) });
const uploadsLeft = () => (existsSync(path.join(home, 'studio-uploads')) ? readdirSync(path.join(home, 'studio-uploads')) : []);
async function runGreeter(name = 'Ada') {
  const { runId } = await client.call('runs.start', { path: installed, params: { name } });
  return client.finished(runId);
}

let approvedRun = '';

describe('studio: importing bundles', () => {
  it('refuses an upload over the limit before reading it', async () => {
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 1).toString('base64');
    await expect(client.call('bundles.upload', { fileName: 'big.spell', data: big })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringMatching(/data: the bundle is larger than 4 MiB/) });
    expect(uploadsLeft()).toEqual([]);
  });

  it('refuses a file that is no bundle, a path traversal, a tampered bundle and a tampered signature, naming the file', async () => {
    const junk = path.join(work, 'junk.spell');
    writeFileSync(junk, 'this is not a tar.gz');
    await expect(upload(junk)).rejects.toMatchObject({ code: 'bad_bundle', message: expect.stringMatching(/^junk\.spell: junk\.spell is not a readable \.spell bundle/) });

    const good = packGreeter(work, '1.0.0');
    const tampered = repack(good, work, (root) => writeFileSync(path.join(root, 'main.lua'), 'print("pwned")\n'));
    await expect(upload(tampered)).rejects.toMatchObject({ code: 'bad_bundle', message: expect.stringContaining('main.lua does not match its digest') });

    const signed = packGreeter(path.join(work, 'signed'), '1.0.0', { signKey: publisher.keyFile });
    const badSignature = repack(signed, work, (root) => {
      const file = path.join(root, '.spell-signature.json');
      const body = JSON.parse(readFileSync(file, 'utf8')) as { signature: string };
      const bytes = Buffer.from(body.signature, 'base64');
      bytes[0]! ^= 0xff;
      writeFileSync(file, JSON.stringify({ ...body, signature: bytes.toString('base64') }));
    });
    await expect(upload(badSignature)).rejects.toMatchObject({ code: 'bad_bundle', message: expect.stringContaining('the signature does not verify') });

    const stage = path.join(work, 'evil/inner');
    mkdirSync(stage, { recursive: true });
    writeFileSync(path.join(stage, 'spell.yaml'), 'name: evil\nversion: 1.0.0\n');
    writeFileSync(path.join(work, 'evil/escape.lua'), 'print(1)\n');
    const evil = path.join(work, 'evil.spell');
    create({ gzip: true, file: evil, cwd: stage, sync: true, preservePaths: true }, ['spell.yaml', '../escape.lua']);
    await expect(upload(evil)).rejects.toMatchObject({ code: 'bad_bundle', message: expect.stringContaining('"../escape.lua" has a ".." segment (path traversal)') });
    expect(existsSync(path.join(home, 'escape.lua'))).toBe(false);
    expect(existsSync(path.join(home, 'studio-uploads', '..', 'escape.lua'))).toBe(false);

    const stranger = makeKeys(path.join(ws.dir, 'keys'), 'stranger');
    const untrusted = packGreeter(path.join(work, 'stranger'), '1.0.0', { signKey: stranger.keyFile });
    await expect(upload(untrusted)).rejects.toMatchObject({ code: 'bad_bundle', message: expect.stringContaining(`signed by a key that is not trusted (fingerprint ${stranger.fingerprint})`) });
    expect(uploadsLeft()).toEqual([]);
    expect(existsSync(installed)).toBe(false);
  });

  it('lists exactly what an unsigned bundle may do, and installs nothing when declined', async () => {
    const file = packGreeter(path.join(work, 'unsigned'), '1.0.0');
    const offered = await upload(file);
    expect(offered.unchanged).toBe(false);
    expect(offered.replaces).toBeUndefined();
    expect(offered.request).toMatchObject({
      name: 'greeter',
      version: '1.0.0',
      author: 'Test Publisher',
      declared: true,
      llm: { providers: ['mock'], models: ['mock-model'] },
      storage: { own: true, shared: ['team-notes'] },
      network: ['api.example.com'],
      tools: ['word_count'],
      mcp: [],
      limits: { timeout: 30, memory: 64 },
      spells: [],
      signature: { status: 'unsigned' },
    });
    expect(offered.request.lines).toEqual([
      'network: api.example.com',
      'storage: read and write its own files (no other spell sees them)',
      "shared storage 'team-notes': read and write files that every spell granted 'team-notes' can also read and change",
      'tools: word_count',
      'llm: mock; models: mock-model',
      'limit: wall time 30 s',
      'limit: memory 64 MB',
      'unsigned: no trusted key vouches for who made it',
    ]);
    expect(uploadsLeft()).toHaveLength(1);
    await client.call('bundles.discard', { uploadId: offered.uploadId });
    expect(uploadsLeft()).toEqual([]);
    await expect(client.call('bundles.install', { uploadId: offered.uploadId, fingerprint: offered.request.fingerprint })).rejects.toMatchObject({ code: 'not_found' });
    expect(existsSync(installed)).toBe(false);
    expect(await client.call('consent.list', {})).toEqual([]);
  });

  it('installs a signed bundle once approved, remembers the grant, and runs it without asking', async () => {
    const file = packGreeter(path.join(work, 'signed-ok'), '1.0.0', { signKey: publisher.keyFile });
    const offered = await upload(file);
    expect(offered.request.signature).toEqual({ status: 'signed', publisher: publisher.fingerprint, keyFile: 'publisher.pub' });
    expect(offered.request.lines.at(-1)).toBe(`signed by key ${publisher.fingerprint.slice(0, 16)} (publisher.pub)`);
    // an approval of something else is no approval of this
    await expect(client.call('bundles.install', { uploadId: offered.uploadId, fingerprint: '0'.repeat(64) })).rejects.toMatchObject({ code: 'stale' });
    const done = await client.call('bundles.install', { uploadId: offered.uploadId, fingerprint: offered.request.fingerprint });
    expect(done).toMatchObject({ status: 'installed', spell: { name: 'greeter', version: '1.0.0', path: installed } });
    expect(uploadsLeft()).toEqual([]);
    expect(client.libraryReasons).toContain('installed');

    const grants = await client.call('consent.list', {});
    expect(grants).toEqual([expect.objectContaining({ name: 'greeter', version: '1.0.0', fingerprint: offered.request.fingerprint, publisher: publisher.fingerprint, via: 'studio' })]);
    expect(JSON.parse(readFileSync(path.join(home, 'grants.json'), 'utf8'))).toMatchObject({ format: 'llmspell-grants/1', grants: [expect.objectContaining({ name: 'greeter' })] });
    expect(await client.call('consent.check', { path: installed })).toMatchObject({ required: true, granted: true, status: 'granted' });
    const finished = await runGreeter();
    expect(finished.ok).toBe(true);
    approvedRun = finished.runId;
    expect(client.events.filter((e) => e.runId === finished.runId && e.type === 'output').map((e) => (e as { text: string }).text).join('')).toBe('Hello, Ada\n');
  });

  it('asks again once revoked, and runs again once granted', async () => {
    const left = await client.call('consent.revoke', { name: 'greeter', version: '1.0.0' });
    expect(left).toEqual([]);
    await expect(client.call('runs.start', { path: installed, params: {} })).rejects.toMatchObject({ code: 'consent_required', message: expect.stringContaining('greeter 1.0.0 had its approval revoked') });
    // A replay of a run from when it was approved runs its code again: refused too.
    await expect(client.call('runs.replay', { runId: approvedRun })).rejects.toMatchObject({ code: 'consent_required' });
    const check = await client.call('consent.check', { path: installed });
    expect(check).toMatchObject({ required: true, granted: false, status: 'revoked', request: { name: 'greeter', signature: { status: 'signed', publisher: publisher.fingerprint } } });
    await expect(client.call('consent.grant', { path: installed, fingerprint: 'f'.repeat(64) })).rejects.toMatchObject({ code: 'stale' });
    await client.call('consent.grant', { path: installed, fingerprint: check.request!.fingerprint });
    expect((await runGreeter('Bo')).ok).toBe(true);
    await expect(client.call('consent.revoke', { name: 'greeter', version: '9.9.9' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('asks again for a new version and for a changed permission set', async () => {
    // a new version installed outside the studio (llmspell install) has no grant of its own
    const v2 = packGreeter(path.join(work, 'v2'), '2.0.0', { greeting: 'Hi' });
    installBundle(v2, { home, allowUnsigned: true, force: true });
    expect(await client.call('consent.check', { path: installed })).toMatchObject({ required: true, granted: false, status: 'none', request: { version: '2.0.0', signature: { status: 'unsigned' } } });
    await expect(client.call('runs.start', { path: installed, params: {} })).rejects.toMatchObject({ code: 'consent_required', message: expect.stringContaining('has not been approved yet') });
    await expect(client.call('batches.start', { path: installed, name: 'rows.csv', content: 'name\nA\n', paramMap: {} })).rejects.toMatchObject({ code: 'consent_required' });

    // an approval offered at upload replaces the old version only when approved
    const offered = await upload(packGreeter(path.join(work, 'v3'), '3.0.0', { extra: 'dependencies: { helper: "^1.0.0" }' }));
    expect(offered.replaces).toBe('2.0.0');
    expect(offered.request.spells).toEqual([{ name: 'helper', range: '^1.0.0' }]);
    expect(offered.request.lines).toContain('runs spell helper ^1.0.0 (nested, never with more than these permissions)');
    await client.call('bundles.install', { uploadId: offered.uploadId, fingerprint: offered.request.fingerprint });
    expect((await client.call('consent.check', { path: installed })).granted).toBe(true);

    // editing the installed manifest changes what it may do: the grant no longer covers it
    const manifest = path.join(installed, 'spell.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('network: [api.example.com]', 'network: true'));
    const changed = await client.call('consent.check', { path: installed });
    expect(changed).toMatchObject({ required: true, granted: false, status: 'changed', request: { network: ['*'], signature: { status: 'modified' } } });
    expect(changed.request!.lines).toContain('network: any host');
    await expect(client.call('runs.start', { path: installed, params: {} })).rejects.toMatchObject({ code: 'consent_required', message: expect.stringContaining('asks for other permissions than you approved') });
  });

  it("never asks for the user's own spells, and an import never replaces one", async () => {
    const mine = await client.call('library.create', { name: 'mine', template: 'chat', engine: 'lua' });
    expect(await client.call('consent.check', { path: mine.path })).toEqual({ required: false, granted: true });
    const dir = path.join(work, 'mine-src');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'spell.yaml'), 'name: mine\nversion: 9.0.0\n');
    writeFileSync(path.join(dir, 'main.lua'), 'print("not yours")\n');
    const bundle = packSpell(dir, { outDir: path.join(work, 'out-mine') }).file;
    await expect(upload(bundle)).rejects.toMatchObject({ code: 'exists', message: expect.stringContaining('already has a spell of your own called mine') });
    expect(readFileSync(path.join(mine.path, 'main.lua'), 'utf8')).not.toContain('not yours');
    expect(uploadsLeft()).toEqual([]);
  });

  it('exports a spell as a bundle, signed when a signing key is configured', async () => {
    const mine = path.join(home, 'spells', 'mine');
    const unsigned = await client.call('bundles.export', { path: mine });
    expect(unsigned.fileName).toBe('mine-0.1.0.spell');
    expect(unsigned.signedBy).toBeUndefined();

    const own = makeKeys(path.join(home, 'keys'), 'signing', home);
    const signed = await client.call('bundles.export', { path: mine });
    expect(signed.signedBy).toBe(own.fingerprint);
    const file = path.join(work, signed.fileName);
    writeFileSync(file, Buffer.from(signed.data, 'base64'));
    const verified = verifyBundle(readBundle(file), path.join(home, 'trusted-keys'));
    expect(verified.manifest.name).toBe('mine');
    expect(verified.signedBy?.fingerprint).toBe(own.fingerprint);
    expect(readdirSync(path.join(home, 'studio-exports'))).toEqual([]);
  });
});
