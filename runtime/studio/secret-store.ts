import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../security/atomic-write';

/** Turns a key into what is stored on disk and back (identity in the browser studio, safeStorage in Electron). */
export interface SecretCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

/** Where provider API keys live. Keys go in and come out only inside the host, never to a renderer. */
export interface SecretStore {
  has(provider: string): boolean;
  get(provider: string): string | undefined;
  /** Saves a key, or removes it when `key` is undefined. */
  set(provider: string, key: string | undefined): Promise<void>;
  /** Providers that have a key. */
  names(): string[];
}

const PLAIN: SecretCodec = { encode: (plain) => plain, decode: (stored) => stored };

/**
 * Keys in one JSON file (`$LLMSPELL_HOME/secrets.json`), mode 0600, replaced atomically on every
 * change. The codec decides what is stored: the key itself (browser studio) or its safeStorage
 * ciphertext (Electron).
 */
export class FileSecretStore implements SecretStore {
  private keys = new Map<string, string>();

  private constructor(
    private readonly file: string,
    private readonly codec: SecretCodec,
  ) {}

  /** Opens (or starts) the store; a missing file is an empty store. */
  static async open(file: string, codec: SecretCodec = PLAIN): Promise<FileSecretStore> {
    const store = new FileSecretStore(file, codec);
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
      // Why: a file copied in with looser permissions must not stay readable by other users.
      await chmod(file, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      const data = JSON.parse(text) as { providers?: Record<string, unknown> };
      for (const [name, stored] of Object.entries(data.providers ?? {})) {
        if (typeof stored === 'string') store.keys.set(name, stored);
      }
    }
    return store;
  }

  has(provider: string): boolean {
    return this.keys.has(provider);
  }

  get(provider: string): string | undefined {
    const stored = this.keys.get(provider);
    return stored === undefined ? undefined : this.codec.decode(stored);
  }

  names(): string[] {
    return [...this.keys.keys()];
  }

  async set(provider: string, key: string | undefined): Promise<void> {
    const next = new Map(this.keys);
    if (key === undefined) next.delete(provider);
    else next.set(provider, this.codec.encode(key));
    // Why 0700: the folder holding secrets is nobody else's business either.
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    // Why atomic: a crash mid-write must not leave a torn file that loses every other key.
    // writeFileAtomic creates the file with mode 0600, so a key is never readable by other users.
    await writeFileAtomic(this.file, `${JSON.stringify({ providers: Object.fromEntries(next) }, null, 2)}\n`);
    this.keys = next;
  }
}
