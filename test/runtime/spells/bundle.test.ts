import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create, extract } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestBytes, DIGEST_FILE, SIGNATURE_FILE } from '../../../runtime/spells/bundle/bundle-format';
import { installBundle } from '../../../runtime/spells/bundle/install-bundle';
import { packSpell } from '../../../runtime/spells/bundle/pack-spell';
import { BundleError } from '../../../runtime/spells/bundle/read-bundle';
import { generateSigningKeys, signWithKeyFile } from '../../../runtime/spells/bundle/signing';
import { ManifestError } from '../../../runtime/spells/manifest-problems';
import { makeTempDir, type TempDir } from './temp-dir';

const MANIFEST = (version = '1.0.0') => `name: hello\nversion: ${version}\ndescription: Says hello\npermissions:\n  llm: true\n  network: [example.com]\n`;

describe('bundles: pack and install', () => {
  let dir: TempDir;
  let home: string;
  let out: string;

  beforeEach(() => {
    dir = makeTempDir('llmspell-bundle-');
    home = dir.path('home');
    out = dir.path('out');
    writeSpell('1.0.0');
  });
  afterEach(() => dir.cleanup());

  function writeSpell(version: string, code = 'print("hello")\n') {
    dir.write('src/hello/spell.yaml', MANIFEST(version));
    dir.write('src/hello/main.lua', code);
    dir.write('src/hello/lib/util.lua', 'return {}\n');
    dir.write('src/hello/.env', 'SECRET=do-not-ship\n');
  }

  /** Unpacks a bundle, lets `edit` change the files, and packs them again as they are. */
  function repack(bundle: string, edit: (root: string) => void): string {
    const root = dir.path(`repack-${Math.random().toString(36).slice(2)}`);
    mkdirSync(root);
    extract({ file: bundle, cwd: root, sync: true });
    edit(root);
    const file = `${root}.spell`;
    create({ gzip: true, file, cwd: root, sync: true }, readdirSync(root));
    return file;
  }

  function refusal(fn: () => unknown): string {
    try {
      fn();
    } catch (error) {
      if (error instanceof BundleError) return error.message;
      throw error;
    }
    throw new Error('expected a BundleError');
  }

  it('packs the folder without hidden files, and installs it with its digest', () => {
    const packed = packSpell(dir.path('src/hello'), { outDir: out });
    expect(path.basename(packed.file)).toBe('hello-1.0.0.spell');
    expect(packed.files).toEqual(['lib/util.lua', 'main.lua', 'spell.yaml']);
    const result = installBundle(packed.file, { home, allowUnsigned: true });
    expect(result).toMatchObject({ name: 'hello', version: '1.0.0', status: 'installed', path: path.join(home, 'spells', 'hello') });
    expect(result.signedBy).toBeUndefined();
    expect(result.permissions).toEqual(['network: example.com', 'llm: any provider; models: any model']);
    expect(readdirSync(result.path).sort()).toEqual([DIGEST_FILE, 'lib', 'main.lua', 'spell.yaml']);
    expect(readFileSync(path.join(result.path, 'lib/util.lua'), 'utf8')).toBe('return {}\n');
  });

  it('packs the same folder to the same bytes', () => {
    const first = readFileSync(packSpell(dir.path('src/hello'), { outDir: out }).file);
    const second = readFileSync(packSpell(dir.path('src/hello'), { outDir: dir.path('out2') }).file);
    expect(second.equals(first)).toBe(true);
  });

  it('refuses a tampered, extended or incomplete bundle', () => {
    const { file } = packSpell(dir.path('src/hello'), { outDir: out });
    const changed = repack(file, (root) => writeFileSync(path.join(root, 'main.lua'), 'print("evil")\n'));
    expect(refusal(() => installBundle(changed, { home, allowUnsigned: true }))).toMatch(/tampered[\s\S]*main\.lua does not match its digest/);
    const added = repack(file, (root) => writeFileSync(path.join(root, 'extra.lua'), ''));
    expect(refusal(() => installBundle(added, { home, allowUnsigned: true }))).toMatch(/extra\.lua is not listed in the digest/);
    const noDigest = repack(file, (root) => writeFileSync(path.join(root, DIGEST_FILE), '{}'));
    expect(refusal(() => installBundle(noDigest, { home, allowUnsigned: true }))).toMatch(/malformed/);
    expect(existsSync(path.join(home, 'spells', 'hello'))).toBe(false);
  });

  it('verifies signatures against trusted keys only', () => {
    const keys = generateSigningKeys();
    const keyFile = dir.write('keys/me.key', keys.privateKey);
    const packed = packSpell(dir.path('src/hello'), { outDir: out, signKey: keyFile });
    expect(packed.signedBy).toBe(keys.fingerprint);

    expect(refusal(() => installBundle(packed.file, { home, allowUnsigned: true }))).toMatch(`signed by a key that is not trusted (fingerprint ${keys.fingerprint})`);
    dir.write('home/trusted-keys/other.pub', generateSigningKeys().publicKey);
    expect(refusal(() => installBundle(packed.file, { home, allowUnsigned: true }))).toMatch(/not trusted/);

    dir.write('home/trusted-keys/me.pub', keys.publicKey);
    const result = installBundle(packed.file, { home, allowUnsigned: true });
    expect(result.signedBy?.fingerprint).toBe(keys.fingerprint);

    // Changed code with a consistently recomputed digest still fails: the signature covers the digest.
    const redigested = repack(packed.file, (root) => {
      writeFileSync(path.join(root, 'main.lua'), 'print("evil")\n');
      const files = new Map(['spell.yaml', 'main.lua', 'lib/util.lua'].map((f) => [f, readFileSync(path.join(root, f))]));
      writeFileSync(path.join(root, DIGEST_FILE), digestBytes('hello', '1.0.0', files));
    });
    expect(refusal(() => installBundle(redigested, { home, force: true, allowUnsigned: true }))).toMatch(/signature does not verify/);
    expect(readFileSync(path.join(home, 'spells/hello/main.lua'), 'utf8')).toBe('print("hello")\n');
    expect(readFileSync(path.join(home, 'trusted-keys', 'me.pub'), 'utf8')).toBe(keys.publicKey);
    expect(existsSync(path.join(home, 'spells', 'hello', SIGNATURE_FILE))).toBe(false);
  });

  it('installs an unsigned bundle only with consent, and never under require_signed', () => {
    const { file } = packSpell(dir.path('src/hello'), { outDir: out });
    expect(refusal(() => installBundle(file, { home }))).toMatch(/hello 1\.0\.0 is unsigned: no trusted key vouches for who made it\. Install it anyway with --allow-unsigned/);
    expect(refusal(() => installBundle(file, { home, allowUnsigned: true, requireSigned: true }))).toMatch(/only signed bundles may be installed/);
    expect(existsSync(path.join(home, 'spells', 'hello'))).toBe(false);
    expect(installBundle(file, { home, allowUnsigned: true }).status).toBe('installed');
  });

  it('refuses a signed bundle whose signature was stripped', () => {
    const keys = generateSigningKeys();
    dir.write('home/trusted-keys/me.pub', keys.publicKey);
    const packed = packSpell(dir.path('src/hello'), { outDir: out, signKey: dir.write('keys/me.key', keys.privateKey) });
    const stripped = repack(packed.file, (root) => rmSync(path.join(root, SIGNATURE_FILE)));
    expect(refusal(() => installBundle(stripped, { home, allowUnsigned: true }))).toMatch(`names its publisher (key ${keys.fingerprint.slice(0, 16)}) but carries no signature`);
    // Signed by another (trusted) key than the one the digest names: refused too.
    const other = generateSigningKeys();
    dir.write('home/trusted-keys/other.pub', other.publicKey);
    const resigned = repack(packed.file, (root) => {
      const digest = readFileSync(path.join(root, DIGEST_FILE));
      const { signature, key } = signWithKeyFile(digest, dir.write('keys/other.key', other.privateKey));
      writeFileSync(path.join(root, SIGNATURE_FILE), JSON.stringify({ algorithm: 'ed25519', key, signature }));
    });
    expect(refusal(() => installBundle(resigned, { home }))).toMatch(/names publisher key [0-9a-f]{16} but is signed by/);
    expect(existsSync(path.join(home, 'spells', 'hello'))).toBe(false);
    expect(installBundle(packed.file, { home }).signedBy?.fingerprint).toBe(keys.fingerprint);
  });

  it('never replaces a different installed version or content without force', () => {
    const v1 = packSpell(dir.path('src/hello'), { outDir: out }).file;
    expect(installBundle(v1, { home, allowUnsigned: true }).status).toBe('installed');
    expect(installBundle(v1, { home, allowUnsigned: true }).status).toBe('unchanged');

    writeSpell('1.1.0');
    const v2 = packSpell(dir.path('src/hello'), { outDir: out }).file;
    expect(refusal(() => installBundle(v2, { home, allowUnsigned: true }))).toMatch(/already holds version 1\.0\.0; refusing to replace it with 1\.1\.0 \(use --force/);
    expect(readFileSync(path.join(home, 'spells/hello/spell.yaml'), 'utf8')).toContain('version: 1.0.0');

    writeSpell('1.0.0', 'print("same version, other code")\n');
    const same = packSpell(dir.path('src/hello'), { outDir: dir.path('out3') }).file;
    expect(refusal(() => installBundle(same, { home, allowUnsigned: true }))).toMatch(/already holds version 1\.0\.0 with different contents/);

    const replaced = installBundle(v2, { home, force: true, allowUnsigned: true });
    expect(replaced).toMatchObject({ status: 'replaced', previousVersion: '1.0.0', version: '1.1.0' });
    expect(readFileSync(path.join(home, 'spells/hello/spell.yaml'), 'utf8')).toContain('version: 1.1.0');
    expect(readdirSync(path.join(home, 'spells'))).toEqual(['hello']);
  });

  it('refuses to pack an invalid manifest or a folder with a symlink', () => {
    dir.write('bad/spell.yaml', 'name: bad\nversion: x\n');
    dir.write('bad/main.lua', '');
    expect(() => packSpell(dir.path('bad'), { outDir: out })).toThrow(ManifestError);
    symlinkSync('/etc/passwd', dir.path('src/hello/passwd'));
    expect(() => packSpell(dir.path('src/hello'), { outDir: out })).toThrow(/passwd is a symbolic link/);
  });
});

describe('bundles: unsafe archives', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir('llmspell-unsafe-');
  });
  afterEach(() => dir.cleanup());

  function archive(name: string, cwd: string, entries: string[], preservePaths = false): string {
    const file = dir.path(name);
    create({ gzip: true, file, cwd, sync: true, preservePaths }, entries);
    return file;
  }

  function refusal(file: string): string {
    try {
      installBundle(file, { home: dir.path('home'), allowUnsigned: true });
    } catch (error) {
      if (error instanceof BundleError) return error.message;
      throw error;
    }
    throw new Error('expected a BundleError');
  }

  it('refuses path traversal and absolute paths, writing nothing', () => {
    dir.write('stage/inner/spell.yaml', 'name: x\nversion: 1.0.0\n');
    dir.write('stage/evil.lua', 'print("escaped")\n');
    const traversal = archive('traversal.spell', dir.path('stage/inner'), ['spell.yaml', '../evil.lua'], true);
    expect(refusal(traversal)).toMatch(/"\.\.\/evil\.lua" has a "\.\." segment \(path traversal\)/);
    const absolute = archive('absolute.spell', dir.path('stage/inner'), ['spell.yaml', dir.path('stage/evil.lua')], true);
    expect(refusal(absolute)).toMatch(/has an absolute path/);
    expect(existsSync(dir.path('home'))).toBe(false);
  });

  it('stops at the first problem: 20,000 duplicate entries give one line, fast (issue 12 item 8)', () => {
    dir.write('stage/spell.yaml', 'name: x\nversion: 1.0.0\n');
    const file = archive('dups.spell', dir.path('stage'), new Array<string>(20_000).fill('spell.yaml'));
    const started = performance.now();
    const message = refusal(file);
    expect(message).toMatch(/it is unsafe: "spell\.yaml" appears twice$/);
    expect(message.split('\n')).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses symbolic and hard links', () => {
    dir.write('stage/spell.yaml', 'name: x\nversion: 1.0.0\n');
    symlinkSync('/etc/passwd', dir.path('stage/main.lua'));
    expect(refusal(archive('symlink.spell', dir.path('stage'), ['spell.yaml', 'main.lua']))).toMatch(/"main\.lua" is a SymbolicLink entry/);
    expect(existsSync(dir.path('home'))).toBe(false);
  });

  it('refuses a file that is not a bundle', () => {
    dir.write('junk.spell', 'not a tarball at all');
    expect(refusal(dir.path('junk.spell'))).toMatch(/is not a readable \.spell bundle: TAR_BAD_ARCHIVE/);
  });
});
