/**
 * Configuration of llmspell: defaults < `$LLMSPELL_HOME/config.yaml` < `./llmspell.yaml` < `.env`
 * < environment < flags. Keys are snake_case in YAML, in {@link Config} and in origin paths.
 */
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './load';
export { configJson, formatConfig } from './format';
export { starterConfigText } from './starter';
export { initConfigFile } from './init-file';
export { llmspellHome, userConfigPath } from './home';
export { ConfigError, formatProblem, type ConfigProblem } from './errors';
export type { ConfigFlags } from './flags-source';
export type { EnvVars } from './env-source';
export { maskSecret, isSecretPath } from './secrets';
export { DEFAULTS, KNOWN_PROVIDERS, LOG_LEVELS, type Config, type LogLevel, type McpServerConfig, type ProviderConfig, MCP_SERVER_NAME } from './schema';
