import type { LoadedConfig } from '../config';
import type { McpServerConfig } from '../config';
import { isMcpSecretName } from '../mcp/mcp-secrets';
import type { SecretStore } from './secret-store';
import type { StudioSettings } from './settings-store';

/** The origin label of values the studio's settings set. */
export const STUDIO_ORIGIN = 'studio settings';

/**
 * The configuration a studio run uses: the loaded configuration (files, environment) with the
 * studio's saved settings on top: what the user chose in the studio wins. Keys are read from the
 * secret store here, in the host, and go no further than the run's LLM service.
 */
export function withStudioSettings(loaded: LoadedConfig, settings: StudioSettings, secrets: SecretStore): LoadedConfig {
  const config = structuredClone(loaded.config);
  const origins = { ...loaded.origins };
  // MCP secrets share the store; they are not providers.
  const names = new Set([...Object.keys(settings.providers), ...secrets.names().filter((name) => !isMcpSecretName(name))]);
  for (const name of names) {
    const saved = settings.providers[name] ?? {};
    const entry = { ...config.providers[name] };
    if (saved.baseUrl) {
      entry.base_url = saved.baseUrl;
      origins[`providers.${name}.base_url`] = STUDIO_ORIGIN;
    }
    if (saved.model) {
      entry.model = saved.model;
      origins[`providers.${name}.model`] = STUDIO_ORIGIN;
    }
    const key = secrets.get(name);
    if (key) {
      entry.api_key = key;
      origins[`providers.${name}.api_key`] = STUDIO_ORIGIN;
    }
    config.providers[name] = entry;
  }
  if (settings.currentProvider) {
    // A top-level model override was meant for the configured provider, not for the one chosen here.
    if (settings.currentProvider !== config.provider) delete config.model;
    config.provider = settings.currentProvider;
    origins.provider = STUDIO_ORIGIN;
  }
  if (settings.limits.timeout !== undefined) config.limits.timeout = settings.limits.timeout;
  if (settings.limits.memory !== undefined) config.limits.memory = settings.limits.memory;
  if (settings.limits.cost !== undefined) {
    config.limits.cost = settings.limits.cost;
    origins['limits.cost'] = STUDIO_ORIGIN;
  }
  for (const [model, price] of Object.entries(settings.prices)) {
    config.prices = { ...config.prices, [model]: { ...price } };
    origins[`prices.${model}.input`] = STUDIO_ORIGIN;
    origins[`prices.${model}.output`] = STUDIO_ORIGIN;
  }
  if (settings.libraryFolders) config.library.folders = [...settings.libraryFolders];
  for (const [name, server] of Object.entries(settings.mcpServers)) {
    config.mcp = { servers: { ...config.mcp.servers, [name]: studioMcpServer(name, server) } };
    origins[`mcp.servers.${name}`] = STUDIO_ORIGIN;
  }
  return { config, origins };
}

/**
 * An MCP server saved in the studio as configuration: each env variable (stdio) or header (http)
 * reads its value from the secret `<server>.<NAME>` when the server starts.
 */
export function studioMcpServer(name: string, saved: StudioSettings['mcpServers'][string]): McpServerConfig {
  const secrets = Object.fromEntries(saved.secretNames.map((key) => [key, `\${${studioMcpSecret(name, key)}}`]));
  if (saved.url) return { url: saved.url, ...(saved.secretNames.length ? { headers: secrets } : {}) };
  return {
    command: saved.command ?? '',
    ...(saved.args?.length ? { args: saved.args } : {}),
    ...(saved.cwd ? { cwd: saved.cwd } : {}),
    ...(saved.secretNames.length ? { env: secrets } : {}),
  };
}

/** The secret name (before the store's `mcp:` prefix) of one env variable or header of a studio server. */
export function studioMcpSecret(server: string, key: string): string {
  return `${server}.${key}`;
}
