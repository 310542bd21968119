import type { LoadedConfig } from '../config';
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
  if (settings.libraryFolders) config.library.folders = [...settings.libraryFolders];
  return { config, origins };
}
