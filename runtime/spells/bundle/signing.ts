import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Ed25519 signing of bundles with node:crypto. Keys are PEM files: `name.key` (PKCS#8, private)
 * and `name.pub` (SPKI, public). A key is named by its fingerprint: the SHA-256 of its SPKI DER.
 */

/** A new signing key pair as PEM text, with the public key's fingerprint. */
export function generateSigningKeys(): { privateKey: string; publicKey: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprint(publicKey),
  };
}

/** The SHA-256 (hex) of a public key's SPKI DER encoding. */
export function fingerprint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** Signs `data` with the Ed25519 private key in `keyFile` (PEM); returns the signature and the key's fingerprint. */
export function signWithKeyFile(data: Buffer, keyFile: string): { signature: string; key: string } {
  const key = readSigningKey(keyFile);
  return { signature: sign(null, data, key).toString('base64'), key: fingerprint(createPublicKey(key)) };
}

/** The fingerprint of the public half of the private key in `keyFile`. */
export function signingKeyFingerprint(keyFile: string): string {
  return fingerprint(createPublicKey(readSigningKey(keyFile)));
}

function readSigningKey(keyFile: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(keyFile));
  } catch (error) {
    throw new Error(`cannot read the signing key ${keyFile}: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile} is a ${key.asymmetricKeyType ?? 'symmetric'} key; an ed25519 key is needed (llmspell keygen)`);
  return key;
}

/** A public key trusted for installs: a `.pub` file in `$LLMSPELL_HOME/trusted-keys/`. */
export interface TrustedKey {
  file: string;
  fingerprint: string;
  key: KeyObject;
}

/** Reads every ed25519 `.pub` file in `folder`; unreadable or other keys are skipped. */
export function readTrustedKeys(folder: string): TrustedKey[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.pub'));
  } catch {
    return [];
  }
  return names.flatMap((name): TrustedKey[] => {
    const file = path.join(folder, name);
    try {
      const key = createPublicKey(readFileSync(file));
      return key.asymmetricKeyType === 'ed25519' ? [{ file, fingerprint: fingerprint(key), key }] : [];
    } catch {
      return [];
    }
  });
}

/** True when `signature` (base64) is `key`'s Ed25519 signature of `data`. */
export function verifySignature(data: Buffer, signature: string, key: KeyObject): boolean {
  try {
    return verify(null, data, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
