import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { create } from 'tar';
import { MANIFEST_FILE } from '../../contract/spell-manifest';
import { loadManifest } from '../manifest-file';
import { bundleFileName, digestBytes, DIGEST_FILE, SIGNATURE_FILE, type BundleSignature } from './bundle-format';
import { signingKeyFingerprint, signWithKeyFile } from './signing';
import { readSpellFiles } from './spell-files';

/** Options of {@link packSpell}. */
export interface PackOptions {
  /** Where to write `name-version.spell`. */
  outDir: string;
  /** An Ed25519 private key (PEM) to sign the bundle with. */
  signKey?: string;
}

/** What was packed. */
export interface PackResult {
  file: string;
  name: string;
  version: string;
  /** The spell's files, sorted. */
  files: string[];
  /** Fingerprint of the signing key, when signed. */
  signedBy?: string;
}

// Entries carry a fixed date, so packing the same folder twice gives the same bundle.
const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/**
 * Packs a spell folder into `name-version.spell`: its manifest must be valid and name an existing
 * entry file; the archive holds the folder's files, their digest and an optional signature.
 */
export function packSpell(dir: string, options: PackOptions): PackResult {
  const manifest = loadManifest(path.join(dir, MANIFEST_FILE), `${path.basename(dir)}/${MANIFEST_FILE}`);
  const files = readSpellFiles(dir);
  if (!files.has(manifest.entry)) throw new Error(`the entry file ${manifest.entry} is missing from ${dir}`);
  // a signed bundle names its publisher inside the signed digest, so stripping the signature shows
  const digest = digestBytes(manifest.name, manifest.version, files, options.signKey ? signingKeyFingerprint(options.signKey) : undefined);
  const result: PackResult = { file: path.join(options.outDir, bundleFileName(manifest.name, manifest.version)), name: manifest.name, version: manifest.version, files: [...files.keys()].sort() };
  const extra = new Map<string, Buffer>([[DIGEST_FILE, digest]]);
  if (options.signKey) {
    const { signature, key } = signWithKeyFile(digest, options.signKey);
    const body: BundleSignature = { algorithm: 'ed25519', key, signature };
    extra.set(SIGNATURE_FILE, Buffer.from(`${JSON.stringify(body, null, 2)}\n`));
    result.signedBy = key;
  }

  // Stage the exact bytes that were hashed, then archive the staging folder.
  mkdirSync(options.outDir, { recursive: true });
  const staging = mkdtempSync(path.join(options.outDir, '.pack-'));
  try {
    const all = new Map([...files, ...extra]);
    for (const [name, data] of all) {
      mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
      writeFileSync(path.join(staging, name), data);
    }
    const partial = `${result.file}.partial`;
    create({ gzip: true, file: partial, cwd: staging, portable: true, mtime: FIXED_MTIME, sync: true }, [...all.keys()].sort());
    renameSync(partial, result.file);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return result;
}
