import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create, extract } from 'tar';
import { packSpell } from '../../runtime/spells/bundle/pack-spell';
import { generateSigningKeys } from '../../runtime/spells/bundle/signing';

/** The manifest of the test spell `greeter`: it asks for one of each kind of permission. */
export function greeterManifest(version: string, extra = ''): string {
  return [
    'name: greeter',
    `version: ${version}`,
    'description: Greets someone, with a few permissions',
    'author: Test Publisher',
    'parameters:',
    '  - name: name',
    '    default: world',
    'permissions:',
    '  llm: { providers: [mock], models: [mock-model] }',
    '  storage: { shared: [team-notes] }',
    '  network: [api.example.com]',
    '  tools: [word_count]',
    'limits: { timeout: 30s, memory: 64MB }',
    extra,
  ].join('\n');
}

/** Writes the greeter spell folder under `root` and packs it; returns the bundle file. */
export function packGreeter(root: string, version: string, options: { signKey?: string; greeting?: string; extra?: string } = {}): string {
  const dir = path.join(root, `greeter-src-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'spell.yaml'), greeterManifest(version, options.extra));
  writeFileSync(path.join(dir, 'main.lua'), `print("${options.greeting ?? 'Hello'}, " .. params.name)\n`);
  return packSpell(dir, { outDir: path.join(root, 'out'), ...(options.signKey ? { signKey: options.signKey } : {}) }).file;
}

/** A new key pair in `dir` (`name.key`, `name.pub`), optionally trusted in `home`. */
export function makeKeys(dir: string, name: string, trustIn?: string): { keyFile: string; pubFile: string; fingerprint: string } {
  const keys = generateSigningKeys();
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, `${name}.key`);
  const pubFile = path.join(dir, `${name}.pub`);
  writeFileSync(keyFile, keys.privateKey, { mode: 0o600 });
  writeFileSync(pubFile, keys.publicKey);
  if (trustIn) {
    mkdirSync(path.join(trustIn, 'trusted-keys'), { recursive: true });
    writeFileSync(path.join(trustIn, 'trusted-keys', `${name}.pub`), keys.publicKey);
  }
  return { keyFile, pubFile, fingerprint: keys.fingerprint };
}

/** Unpacks a bundle, lets `edit` change its files, and packs them again as they are (no new digest). */
export function repack(bundle: string, workDir: string, edit: (root: string) => void): string {
  const root = path.join(workDir, `repack-${Math.random().toString(36).slice(2)}`);
  mkdirSync(root, { recursive: true });
  extract({ file: bundle, cwd: root, sync: true });
  edit(root);
  const file = `${root}.spell`;
  create({ gzip: true, file, cwd: root, sync: true, portable: true }, readdirSync(root));
  return file;
}

/** A file's bytes as base64, as the page uploads it. */
export const base64Of = (file: string) => readFileSync(file).toString('base64');
