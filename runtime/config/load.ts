import { join } from 'node:path';
import { ConfigError } from './errors';
import { envLayer, readDotEnv, type EnvVars } from './env-source';
import { flagsLayer, type ConfigFlags } from './flags-source';
import { displayPath, llmspellHome, userConfigPath } from './home';
import { flatten, type Layer } from './layer';
import { checkMerged, defaultProvider, mergeLayers, providersOf } from './resolve';
import { DEFAULTS, type Config } from './schema';
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
}

/**
 * Loads the configuration: defaults < user file < `./llmspell.yaml` < `.env` < environment < flags.
 * Every source is checked on its own, then the merged result; all problems are thrown together
 * as one ConfigError.
 */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const dotEnv = readDotEnv(options.cwd);
  const home = options.home ?? llmspellHome({ ...dotEnv.vars, ...options.env });
  const userFile = userConfigPath(home);
  const dotEnvLayer = envLayer(dotEnv.vars, '.env');
  if (dotEnv.problem) dotEnvLayer.problems.push({ source: '.env', path: '', message: dotEnv.problem });

  const layers: Layer[] = [
    { label: 'default', entries: flatten({ ...DEFAULTS }, 'default'), problems: [] },
    readYamlLayer(userFile, displayPath(userFile)),
    readYamlLayer(join(options.cwd, 'llmspell.yaml'), './llmspell.yaml'),
    dotEnvLayer,
    envLayer(options.env, 'env'),
    flagsLayer(options.flags ?? {}),
  ];
  const problems = layers.flatMap((layer) => [...layer.problems, ...validateLayer(layer)]);
  const merged = mergeLayers(layers);
  problems.push(...checkMerged(merged));
  if (problems.length > 0) throw new ConfigError(problems);

  const origins = merged.origins;
  if (typeof merged.data.provider !== 'string') {
    merged.data.provider = defaultProvider(providersOf(merged));
    origins.provider = 'default';
  }
  // Every layer passed the schema and the merged checks, so the merged data has the Config shape.
  return { config: merged.data as unknown as Config, origins: sortOrigins(origins) };
}

/** Origins in the order formatConfig prints: provider and model first, then sections as in DEFAULTS. */
function sortOrigins(origins: Record<string, string>): Record<string, string> {
  const order = ['provider', 'model', ...Object.keys(DEFAULTS)];
  const rank = (key: string) => order.indexOf(key.split('.')[0] ?? key);
  return Object.fromEntries(Object.entries(origins).sort(([a], [b]) => rank(a) - rank(b)));
}
