import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../security/atomic-write';
import { movePath, pathExists } from './spell-fs';

/** One kept unsaved edit. */
export interface RecoveryCopy {
  file: string;
  content: string;
  savedAt: number;
}

/**
 * Unsaved edits kept in `$LLMSPELL_HOME/recovery/<hash of the spell path>/`, one JSON file per spell
 * file, each replaced atomically: an edit survives a crash or a reload of the renderer until it is
 * saved or explicitly discarded. File names are encoded, so no name from the renderer becomes a path.
 */
export class RecoveryStore {
  constructor(private readonly root: string) {}

  async save(spellPath: string, file: string, content: string, now = Date.now()): Promise<void> {
    const dir = this.dirOf(spellPath);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(path.join(dir, encode(file)), JSON.stringify({ spellPath, file, content, savedAt: now }));
  }

  async list(spellPath: string): Promise<RecoveryCopy[]> {
    const dir = this.dirOf(spellPath);
    const names = await readdir(dir).catch(() => [] as string[]);
    const copies: RecoveryCopy[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      try {
        const data = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as RecoveryCopy;
        copies.push({ file: data.file, content: data.content, savedAt: data.savedAt });
      } catch {
        // a copy that cannot be read is left on disk for a person to look at
      }
    }
    return copies.sort((a, b) => (a.file < b.file ? -1 : 1));
  }

  async discard(spellPath: string, file: string): Promise<void> {
    await rm(path.join(this.dirOf(spellPath), encode(file)), { force: true });
  }

  /** Moves a spell's copies with it when it is renamed (or restored elsewhere). */
  async move(from: string, to: string): Promise<void> {
    const source = this.dirOf(from);
    const target = this.dirOf(to);
    if (!(await pathExists(source)) || (await pathExists(target))) return;
    await movePath(source, target);
  }

  private dirOf(spellPath: string): string {
    return path.join(this.root, createHash('sha256').update(spellPath).digest('hex').slice(0, 32));
  }
}

/** `lib/util.lua` → `lib%2Futil.lua.json`: one flat, safe file name. */
function encode(file: string): string {
  return `${encodeURIComponent(file)}.json`;
}
