import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConsentRequest } from '../../../runtime/contract/consent';
import { parseManifestText } from '../../../runtime/spells/manifest-file';
import { asksForAnything, consentRequest } from '../../../runtime/spells/consent/consent-request';
import { GrantStore } from '../../../runtime/spells/consent/grant-store';
import { greeterManifest } from '../../helpers/bundles';

const root = mkdtempSync(path.join(os.tmpdir(), 'llmspell-grants-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function request(version: string, extra = '', publisher?: string, description?: string): ConsentRequest {
  const text = greeterManifest(version, extra);
  const parsed = parseManifestText(description ? text.replace(/^description: .*$/m, `description: ${description}`) : text);
  if (!parsed.ok) throw new Error('bad test manifest');
  return consentRequest(parsed.manifest, publisher ? { status: 'signed', publisher } : { status: 'unsigned' });
}

describe('consent requests', () => {
  it('fingerprint the permission set, limits, nested spells and publisher, not the wording', () => {
    const base = request('1.0.0');
    expect(base.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(request('1.0.0').fingerprint).toBe(base.fingerprint);
    expect(request('1.0.1').fingerprint).not.toBe(base.fingerprint);
    expect(request('1.0.0', 'dependencies: { helper: "^1" }').fingerprint).not.toBe(base.fingerprint);
    expect(request('1.0.0', '', 'a'.repeat(64)).fingerprint).not.toBe(base.fingerprint);
    expect(request('1.0.0', '', undefined, 'Other words').fingerprint).toBe(base.fingerprint);
  });

  it('a spell that declares nothing asks for nothing; one without a permissions section asks for everything', () => {
    const none = parseManifestText('name: quiet\nversion: 1.0.0\npermissions: {}\nlimits: { timeout: 5s }\n');
    const all = parseManifestText('name: loud\nversion: 1.0.0\n');
    if (!none.ok || !all.ok) throw new Error('bad test manifest');
    expect(asksForAnything(consentRequest(none.manifest, { status: 'unsigned' }))).toBe(false);
    const loud = consentRequest(all.manifest, { status: 'unsigned' });
    expect(asksForAnything(loud)).toBe(true);
    expect(loud.lines[0]).toMatch(/^no permissions section: it runs under your configured policy/);
  });
});

describe('the grant store', () => {
  it('remembers per name + version + fingerprint, and revokes', async () => {
    const home = path.join(root, 'a');
    const store = new GrantStore(home);
    const v1 = request('1.0.0');
    expect(store.status(v1)).toBe('none');
    await store.grant(v1, 'studio', 1000);
    expect(store.status(v1)).toBe('granted');
    expect(store.status(request('2.0.0'))).toBe('none');
    expect(store.status(request('1.0.0', 'dependencies: { helper: "^1" }'))).toBe('changed');
    // another process (the CLI) sees the same file
    expect(new GrantStore(home).list()).toEqual([expect.objectContaining({ name: 'greeter', version: '1.0.0', grantedAt: 1000, via: 'studio' })]);
    expect(await store.revoke('greeter', '1.0.0')).toBe(true);
    expect(store.status(v1)).toBe('revoked');
    expect(await store.revoke('greeter', '1.0.0')).toBe(false);
    await store.grant(v1, 'cli');
    expect(store.status(v1)).toBe('granted');
    // atomic replacement leaves no temporary file behind
    expect(readdirSync(home)).toEqual(['grants.json']);
  });

  it('treats a damaged file as no grants: it asks again, never lets through', async () => {
    const home = path.join(root, 'b');
    mkdirSync(home);
    writeFileSync(path.join(home, 'grants.json'), '{ "format": "llmspell-grants/1", "grants": [ {"name": "greeter"');
    const store = new GrantStore(home);
    expect(store.status(request('1.0.0'))).toBe('none');
    expect(store.list()).toEqual([]);
    await store.grant(request('1.0.0'), 'studio');
    expect(store.status(request('1.0.0'))).toBe('granted');
  });
});
