import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConsentRequest, ConsentSignature } from '../../contract/consent';
import type { SpellManifest } from '../../contract/spell-manifest';
import { BundleDigest, DIGEST_FILE, sha256 } from '../bundle/bundle-format';
import { readTrustedKeys } from '../bundle/signing';
import { readSpellFiles } from '../bundle/spell-files';
import { consentRequest } from './consent-request';

/**
 * True for a spell folder that came from a `.spell` bundle (`llmspell install`, the studio's import):
 * it keeps the bundle's digest file. Such a spell is someone else's work and asks before it runs; the
 * user's own spells (created, duplicated, in the project) carry no digest and never ask.
 */
export function isInstalledFromBundle(spellPath: string): boolean {
  return statSync(spellPath, { throwIfNoEntry: false })?.isDirectory() === true && existsSync(path.join(spellPath, DIGEST_FILE));
}

/**
 * Who vouches for an installed spell now: the publisher its digest names (the signature was verified
 * at install; the signature file itself is not kept), as long as every file still matches the digest.
 */
export function installedSignature(spellPath: string, trustedKeysDir: string): ConsentSignature {
  let digest: BundleDigest;
  try {
    digest = BundleDigest.parse(JSON.parse(readFileSync(path.join(spellPath, DIGEST_FILE), 'utf8')));
  } catch {
    return { status: 'modified' };
  }
  const publisher = digest.publisher ? { publisher: digest.publisher } : {};
  if (!filesMatch(spellPath, digest)) return { status: 'modified', ...publisher };
  if (!digest.publisher) return { status: 'unsigned' };
  const key = readTrustedKeys(trustedKeysDir).find((k) => k.fingerprint === digest.publisher);
  return { status: 'signed', publisher: digest.publisher, ...(key ? { keyFile: path.basename(key.file) } : {}) };
}

function filesMatch(spellPath: string, digest: BundleDigest): boolean {
  let files: Map<string, Buffer>;
  try {
    files = readSpellFiles(spellPath);
  } catch {
    return false; // a symlink or an oversized file appeared: not what was installed
  }
  const listed = Object.keys(digest.files);
  return listed.length === files.size && listed.every((name) => files.has(name) && sha256(files.get(name)!) === digest.files[name]);
}

/** The consent request of an installed spell (its manifest as validated, its current signature). */
export function installedConsentRequest(spellPath: string, manifest: SpellManifest, home: string): ConsentRequest {
  return consentRequest(manifest, installedSignature(spellPath, path.join(home, 'trusted-keys')));
}
