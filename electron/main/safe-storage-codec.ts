import { safeStorage } from 'electron';
import type { SecretCodec } from '../../runtime/studio/secret-store';

/**
 * API keys encrypted with the OS keychain through Electron's safeStorage (Keychain, DPAPI,
 * libsecret/kwallet); the file holds base64 ciphertext only. Undefined when no keychain is available
 * (then the caller falls back to the 0600 file of the browser studio and says so).
 */
export function safeStorageCodec(): SecretCodec | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  // Why: Linux's "basic_text" backend encrypts with a fixed, public password: no better than plain text.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}
