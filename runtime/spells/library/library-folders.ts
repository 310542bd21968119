import { homedir } from 'node:os';
import path from 'node:path';

/** Where a library folder comes from; earlier kinds win when two spells share a name. */
export type LibraryOrigin = 'project' | 'config' | 'home';

/** A folder whose spells the library shows. */
export interface LibraryFolder {
  path: string;
  origin: LibraryOrigin;
}

/** What decides the library folders: the project folder, the llmspell home and config's `library.folders`. */
export interface LibraryFolderOptions {
  cwd: string;
  /** The llmspell home (`llmspellHome(env)`); installed spells live in its `spells/`. */
  home: string;
  /** `config.library.folders`: relative to `cwd`, `~/` meaning the user's home directory. */
  extra?: readonly string[];
}

/**
 * The library folders in precedence order: the project's `spells/`, then the configured extra
 * folders, then `$LLMSPELL_HOME/spells` (installed spells). Duplicates are dropped.
 */
export function libraryFolders(options: LibraryFolderOptions): LibraryFolder[] {
  const candidates: LibraryFolder[] = [
    { path: path.resolve(options.cwd, 'spells'), origin: 'project' },
    ...(options.extra ?? []).map((folder): LibraryFolder => ({ path: expandHome(folder, options.cwd), origin: 'config' })),
    { path: installFolder(options.home), origin: 'home' },
  ];
  const seen = new Set<string>();
  return candidates.filter((folder) => !seen.has(folder.path) && seen.add(folder.path));
}

/** The folder `llmspell install` writes to: `$LLMSPELL_HOME/spells`. */
export function installFolder(home: string): string {
  return path.resolve(home, 'spells');
}

function expandHome(folder: string, cwd: string): string {
  if (folder === '~' || folder.startsWith('~/')) return path.join(homedir(), folder.slice(1));
  return path.resolve(cwd, folder);
}
