import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A `.spell` bundle is a tar.gz of the spell folder's files plus two files at its root:
 * `.spell-digest.json` (the SHA-256 of every other file, with the spell's name and version) and,
 * when signed, `.spell-signature.json` (an Ed25519 signature of the digest file's exact bytes).
 */

/** The digest file's name inside a bundle (kept in the installed folder too). */
export const DIGEST_FILE = '.spell-digest.json';
/** The signature file's name inside a bundle. */
export const SIGNATURE_FILE = '.spell-signature.json';
/** The digest format this version writes and reads. */
export const BUNDLE_FORMAT = 'llmspell-bundle/1';

/** The digest file: which files the bundle holds and their hashes. */
export const BundleDigest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  name: z.string(),
  version: z.string(),
  /** Relative path → `sha256:<hex>`. */
  files: z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/)),
  /**
   * Fingerprint of the key the bundle was signed with, written by `pack --sign`. A bundle that names
   * a publisher but carries no signature from that key is refused: its signature was stripped.
   */
  publisher: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type BundleDigest = z.infer<typeof BundleDigest>;

/** The signature file. */
export const BundleSignature = z.strictObject({
  algorithm: z.literal('ed25519'),
  /** Fingerprint (SHA-256 of the SPKI DER, hex) of the public key that verifies it. */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  /** Base64 signature of the digest file's bytes. */
  signature: z.string().min(1),
});
export type BundleSignature = z.infer<typeof BundleSignature>;

/** `sha256:<hex>` of some bytes. */
export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The digest file's bytes for these files: sorted paths, so the same folder always gives the same digest. */
export function digestBytes(name: string, version: string, files: ReadonlyMap<string, Buffer>, publisher?: string): Buffer {
  const sorted = [...files.keys()].sort();
  const digest: BundleDigest = { format: BUNDLE_FORMAT, name, version, files: Object.fromEntries(sorted.map((f) => [f, sha256(files.get(f)!)])), ...(publisher ? { publisher } : {}) };
  return Buffer.from(`${JSON.stringify(digest, null, 2)}\n`);
}

/** A bundle's file name: `name-version.spell`. */
export function bundleFileName(name: string, version: string): string {
  return `${name}-${version}.spell`;
}
