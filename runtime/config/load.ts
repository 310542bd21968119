import { join } from 'node:path';
import { ConfigError } from './errors';
import { envLayer, readDotEnv, type EnvVars } from './env-source';
import { flagsLayer, type ConfigFlags } from './flags-source';
import { displayPath, llmspellHome, userConfigPath } from './home';
import { flatten, type Layer } from './layer';
import { checkMerged, defaultProvider, mergeLayers, providersOf } from './resolve';
import { DEFAULTS, type Config } from './schema';
import { dropProjectWidening } from './project-trust';
import { isTrustedFolder } from './trusted-folders';
import { validateLayer } from './validate';
import { readYamlLayer } from './yaml-source';

/** Inputs of loadConfig; nothing is read from `process` so callers and tests control everything. */
export interface LoadConfigOptions {
  /** Folder holding the project file `llmspell.yaml` and `.env`. */
  cwd: string;
  /** The real environment (usually `process.env`); never modified. */
  env: EnvVars;
  /** Parsed command-line flags; they win over every other source. */
  flags?: ConfigFlags;
  /** The llmspell home folder holding `config.yaml`; overrides LLMSPELL_HOME and `~/.llmspell`. */
  home?: string;
}

/** The effective configuration and, for every dotted key path, the label of the source that set it. */
export interface LoadedConfig {
  config: Config;
  /** `limits.timeout` → `default` | `~/.llmspell/config.yaml` | `./llmspell.yaml` | `.env X` | `env X` | `flag --x`. */
  origins: Record<string, string>;
  /** Project settings ignored because the folder is not trusted, one line each (see project-trust.ts). */
  ignored?: string[];
}

/**
 * Loads the configuration: defaults < user file < `./llmspell.yaml` < `.env` < environment < flags.
 * Every source is checked on its own, then the merged result; all problems are thrown together
 * as one ConfigError.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const dotEnv = readDotEnv(options.cwd);
  // The user's own home decides whether this folder is trusted; only a trusted folder's .env may move it.
  const ownHome = options.home ?? llmspellHome(options.env);
  const trusted = isTrustedFolder(ownHome, options.cwd);
  const home = options.home ?? (trusted ? llmspellHome({ ...dotEnv.vars, ...options.env }) : ownHome);
  const userFile = userConfigPath(home);
  const dotEnvLayer = envLayer(dotEnv.vars, '.env');
  if (dotEnv.problem) dotEnvLayer.problems.push({ source: '.env', path: '', message: dotEnv.problem });

  const defaults: Layer = { label: 'default', entries: flatten({ ...DEFAULTS }, 'default'), problems: [] };
  const user = readYamlLayer(userFile, displayPath(userFile));
  const project = [readYamlLayer(join(options.cwd, 'llmspell.yaml'), './llmspell.yaml'), dotEnvLayer];
  const environment = envLayer(options.env, 'env');
  const flags = flagsLayer(options.flags ?? {});
  const ignored = trusted ? [] : dropProjectWidening(project, [defaults, user, environment, flags]);
  if (!trusted && !options.home && dotEnv.vars.LLMSPELL_HOME?.trim() && !options.env.LLMSPELL_HOME?.trim()) {
    ignored.push('.env sets LLMSPELL_HOME, ignored in an untrusted folder: it would replace your configuration and trusted keys (run `llmspell trust` in this folder to allow it)');
  }
  const layers: Layer[] = [defaults, user, ...project, environment, flags];
  // The built-in defaults are ours and pass the schema (test/runtime/config/defaults.test.ts): not checked on every load.
  const problems = layers.flatMap((layer) => (layer === defaults ? layer.problems : [...layer.problems, ...validateLayer(layer)]));
  const merged = mergeLayers(layers);
  problems.push(...checkMerged(merged));
  if (problems.length > 0) throw new ConfigError(problems);

  const origins = merged.origins;
  if (typeof merged.data.provider !== 'string') {
    merged.data.provider = defaultProvider(providersOf(merged));
    origins.provider = 'default';
  }
  // Every layer passed the schema and the merged checks, so the merged data has the Config shape.
  return { config: merged.data as unknown as Config, origins: sortOrigins(origins), ...(ignored.length ? { ignored } : {}) };
}

/** Origins in the order formatConfig prints: provider and model first, then sections as in DEFAULTS. */
function sortOrigins(origins: Record<string, string>): Record<string, string> {
  const order = ['provider', 'model', ...Object.keys(DEFAULTS)];
  const rank = (key: string) => order.indexOf(key.split('.')[0] ?? key);
  return Object.fromEntries(Object.entries(origins).sort(([a], [b]) => rank(a) - rank(b)));
}
