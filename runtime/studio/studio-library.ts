import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpellIndexEntry } from '../contract/spell-library';
import type { SpellSummary } from '../contract/studio-api';
import { installFolder, libraryFolders } from '../spells/library/library-folders';
import { SpellLibrary } from '../spells/library/spell-library';
import { badInput, StudioError } from './studio-error';

/** Where the library's folders come from. */
export interface StudioLibraryOptions {
  cwd: string;
  home: string;
  /** The extra folders of the current settings (read on every call: settings change). */
  extraFolders: () => string[];
}

/**
 * The spell library as the studio sees it, and the gate every path from the renderer passes: a
 * spell path must be a spell the library indexes, and a file name must stay inside that spell.
 */
export class StudioLibrary {
  private library: SpellLibrary | undefined;
  private key = '';

  constructor(private readonly options: StudioLibraryOptions) {}

  /** The index for the current folders, rebuilt when the settings changed them. */
  current(): SpellLibrary {
    const folders = libraryFolders({ cwd: this.options.cwd, home: this.options.home, extra: this.options.extraFolders() });
    const key = folders.map((f) => f.path).join('\n');
    if (!this.library || key !== this.key) {
      this.library = new SpellLibrary(folders);
      this.key = key;
    }
    return this.library;
  }

  /** Re-reads what changed on disk; true when the index changed. */
  refresh(): boolean {
    return this.current().refresh();
  }

  /** The user's own library folder (`$LLMSPELL_HOME/spells`), where new spells go. */
  userFolder(): string {
    return installFolder(this.options.home);
  }

  /** The indexed spell at `spellPath`; anything else is refused (the renderer cannot name arbitrary paths). */
  locate(spellPath: string, field = 'path'): SpellIndexEntry {
    if (!path.isAbsolute(spellPath)) throw badInput(field, `expected the absolute path of a spell, got ${JSON.stringify(spellPath)}`);
    const wanted = path.resolve(spellPath);
    const find = () => this.current().entries().find((entry) => entry.path === wanted);
    let found = find();
    if (!found) {
      this.refresh();
      found = find();
    }
    if (!found) throw new StudioError(`${field}: no spell in the library at ${spellPath}`, 'not_found');
    return found;
  }

  /** The spell with this name, if any folder has one. */
  findByName(name: string): SpellIndexEntry | undefined {
    this.refresh();
    return this.current().find(name);
  }

  /**
   * The absolute path of `file` inside a spell. Refused: absolute paths, `..`, hidden segments, a
   * symlink (it could point anywhere), and for a single-file spell any name but its own.
   */
  fileIn(entry: SpellIndexEntry, file: string, field = 'file'): string {
    if (isSingleFile(entry)) {
      if (file !== path.basename(entry.path)) throw badInput(field, `this spell is the single file ${path.basename(entry.path)}`);
      return entry.path;
    }
    const segments = file.split(/[\\/]/);
    // Why: only plain relative names; `..`, absolute and hidden paths could reach outside the spell.
    if (!file || path.isAbsolute(file) || segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) {
      throw badInput(field, `expected a file name inside the spell like main.lua or lib/util.lua, got ${JSON.stringify(file)}`);
    }
    const target = path.join(entry.path, ...segments);
    // Why: a symlinked folder or file inside the spell could lead a write or read outside it.
    const root = realpathSync(entry.path);
    let probe = target;
    while (probe !== entry.path && !exists(probe)) probe = path.dirname(probe);
    const real = realOrUndefined(probe);
    if (real === undefined || (real !== root && !real.startsWith(root + path.sep))) throw new StudioError(`${field}: ${file} leads outside the spell folder`, 'forbidden');
    if (exists(target) && lstatSync(target).isSymbolicLink()) throw new StudioError(`${field}: ${file} is a symbolic link; edit its target instead`, 'forbidden');
    return target;
  }
}

/** A library entry as the Studio API shows it. */
export function toSummary(entry: SpellIndexEntry): SpellSummary {
  return {
    path: entry.path,
    name: entry.name,
    version: entry.version,
    description: entry.description,
    tags: entry.tags,
    engine: entry.engine,
    parameters: entry.parameters.map((p) => ({ ...p })),
    folder: entry.folder,
    ...(entry.problems ? { problems: entry.problems } : {}),
  };
}

/** True for a spell that is one `.lua`/`.js` file rather than a folder. */
export function isSingleFile(entry: SpellIndexEntry): boolean {
  return statSync(entry.path, { throwIfNoEntry: false })?.isFile() ?? false;
}

function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined; // a dangling link: treated as leading outside
  }
}

function exists(file: string): boolean {
  return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
}
