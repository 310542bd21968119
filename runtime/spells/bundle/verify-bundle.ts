import { MANIFEST_FILE, type SpellManifest } from '../../contract/spell-manifest';
import { parseManifestText } from '../manifest-file';
import { formatManifestProblem } from '../manifest-problems';
import { BundleDigest, BundleSignature, DIGEST_FILE, sha256, SIGNATURE_FILE } from './bundle-format';
import { BundleError } from './read-bundle';
import { readTrustedKeys, verifySignature, type TrustedKey } from './signing';

/** A bundle whose contents match its digest (and signature, when signed). */
export interface VerifiedBundle {
  manifest: SpellManifest;
  /** The spell's files (without the signature file; with the digest file). */
  files: Map<string, Buffer>;
  /** The trusted key that verified the signature; undefined for an unsigned bundle. */
  signedBy?: TrustedKey;
}

/**
 * Checks a bundle read into memory: the digest lists exactly the files present with matching
 * SHA-256 hashes, names the same spell and version as a valid manifest, and, when a signature is
 * present, a key in `trustedKeysDir` verifies it over the digest's exact bytes. Any mismatch is a
 * {@link BundleError}; nothing is trusted on the archive's word alone.
 */
export function verifyBundle(files: Map<string, Buffer>, trustedKeysDir: string): VerifiedBundle {
  const digestBytes = files.get(DIGEST_FILE);
  if (!digestBytes) throw new BundleError(`not a .spell bundle: ${DIGEST_FILE} is missing`);
  const digest = BundleDigest.safeParse(parseJson(digestBytes, DIGEST_FILE));
  if (!digest.success) throw new BundleError(`${DIGEST_FILE} is malformed: ${digest.error.issues[0]?.message ?? 'invalid'}`);

  const content = new Map([...files].filter(([name]) => name !== DIGEST_FILE && name !== SIGNATURE_FILE));
  const problems: string[] = [];
  for (const [name, hash] of Object.entries(digest.data.files)) {
    const data = content.get(name);
    if (!data) problems.push(`${name} is listed in the digest but missing`);
    else if (sha256(data) !== hash) problems.push(`${name} does not match its digest (modified after packing)`);
  }
  for (const name of content.keys()) if (!(name in digest.data.files)) problems.push(`${name} is not listed in the digest (added after packing)`);
  if (problems.length) throw new BundleError(`the bundle was tampered with or damaged:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  const manifestBytes = content.get(MANIFEST_FILE);
  if (!manifestBytes) throw new BundleError(`the bundle has no ${MANIFEST_FILE}`);
  const parsed = parseManifestText(manifestBytes.toString('utf8'), MANIFEST_FILE);
  if (!parsed.ok) throw new BundleError(`the bundle's manifest is invalid:\n${parsed.problems.map(formatManifestProblem).join('\n')}`);
  const { manifest } = parsed;
  if (manifest.name !== digest.data.name || manifest.version !== digest.data.version) {
    throw new BundleError(`the digest names ${digest.data.name} ${digest.data.version} but the manifest ${manifest.name} ${manifest.version}`);
  }
  if (!content.has(manifest.entry)) throw new BundleError(`the entry file ${manifest.entry} is not in the bundle`);

  const result: VerifiedBundle = { manifest, files: new Map([...content, [DIGEST_FILE, digestBytes]]) };
  const signatureBytes = files.get(SIGNATURE_FILE);
  const { publisher } = digest.data;
  if (!signatureBytes && publisher) {
    throw new BundleError(`the bundle names its publisher (key ${publisher.slice(0, 16)}) but carries no signature: it was stripped or damaged`);
  }
  if (signatureBytes) result.signedBy = checkSignature(signatureBytes, digestBytes, trustedKeysDir);
  if (result.signedBy && publisher && result.signedBy.fingerprint !== publisher) {
    throw new BundleError(`the bundle names publisher key ${publisher.slice(0, 16)} but is signed by ${result.signedBy.fingerprint.slice(0, 16)}`);
  }
  return result;
}

function checkSignature(signatureBytes: Buffer, digestBytes: Buffer, trustedKeysDir: string): TrustedKey {
  const signature = BundleSignature.safeParse(parseJson(signatureBytes, SIGNATURE_FILE));
  if (!signature.success) throw new BundleError(`${SIGNATURE_FILE} is malformed`);
  const trusted = readTrustedKeys(trustedKeysDir).find((k) => k.fingerprint === signature.data.key);
  if (!trusted) {
    throw new BundleError(
      `the bundle is signed by a key that is not trusted (fingerprint ${signature.data.key}); to trust it, put its .pub file in ${trustedKeysDir}`,
    );
  }
  if (!verifySignature(digestBytes, signature.data.signature, trusted.key)) {
    throw new BundleError(`the signature does not verify with the trusted key ${trusted.file}: the bundle was tampered with`);
  }
  return trusted;
}

function parseJson(data: Buffer, name: string): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    throw new BundleError(`${name} is not valid JSON`);
  }
}
