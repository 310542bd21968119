import { ConfigError, llmspellHome, loadConfig, type Config } from '../config';
import { libraryFolders } from '../spells/library/library-folders';
import { SpellLibrary } from '../spells/library/spell-library';
import type { CliContext } from './command';
import { UsageError } from './usage-error';

/**
 * The spell library a command sees: the project's `spells/`, config's `library.folders`, then
 * `$LLMSPELL_HOME/spells`. Pass `config` when the command loaded it already.
 */
export function openLibrary(ctx: CliContext, config?: Config): SpellLibrary {
  const extra = (config ?? loadCliConfig(ctx)).library.folders;
  return new SpellLibrary(libraryFolders({ cwd: ctx.cwd, home: llmspellHome(ctx.env), extra }));
}

/** The configuration, with a configuration problem turned into a usage error (exit 2). */
export function loadCliConfig(ctx: CliContext): Config {
  try {
    return loadConfig({ cwd: ctx.cwd, env: ctx.env }).config;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`invalid configuration:\n${error.message}`);
    throw error;
  }
}
