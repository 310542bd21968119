import { homedir } from 'node:os';
import { join, sep } from 'node:path';
import type { EnvVars } from './env-source';

/** The llmspell home folder: `$LLMSPELL_HOME` when set and non-empty, else `~/.llmspell`. */
export function llmspellHome(env: EnvVars): string {
  const home = env.LLMSPELL_HOME?.trim();
  return home ? home : join(homedir(), '.llmspell');
}

/** The user configuration file inside an llmspell home folder. */
export function userConfigPath(home: string): string {
  return join(home, 'config.yaml');
}

/** A path for labels: the user's home directory is shown as `~`, anything else as given. */
export function displayPath(path: string): string {
  const user = homedir();
  return path === user || path.startsWith(user + sep) ? `~${path.slice(user.length)}` : path;
}
