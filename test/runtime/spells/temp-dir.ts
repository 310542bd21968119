import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway folder under the OS temp dir. */
export interface TempDir {
  root: string;
  /** Writes `text` at a path relative to root, creating folders; returns the full path. */
  write(relative: string, text: string | Buffer): string;
  /** The full path of a relative one. */
  path(relative: string): string;
  cleanup(): void;
}

/** Creates a fresh temp dir; call cleanup() in afterEach. */
export function makeTempDir(prefix = 'llmspell-spells-'): TempDir {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(relative, text) {
      const file = join(root, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    path: (relative) => join(root, relative),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
