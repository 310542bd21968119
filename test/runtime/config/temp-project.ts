import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway llmspell home and project folder under the OS temp dir. */
export interface TempProject {
  root: string;
  /** The llmspell home folder (holds config.yaml). */
  home: string;
  /** The project folder (holds llmspell.yaml and .env). */
  cwd: string;
  /** Writes `text` at a path relative to root, creating folders. */
  write(relative: string, text: string): string;
  cleanup(): void;
}

/** Creates a fresh temp project; call cleanup() in afterEach. */
export function makeTempProject(): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'llmspell-config-'));
  const home = join(root, 'home');
  const cwd = join(root, 'project');
  mkdirSync(home);
  mkdirSync(cwd);
  return {
    root,
    home,
    cwd,
    write(relative, text) {
      const file = join(root, relative);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
