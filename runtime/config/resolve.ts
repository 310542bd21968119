import type { ConfigProblem } from './errors';
import { dotted, isPlainObject, setIn, type Layer } from './layer';
import { KNOWN_PROVIDERS, type McpServerConfig, type ProviderConfig } from './schema';
import { describeValue } from './validate';

/** Layers merged in order: the data, each leaf's origin, and which layer last touched each path. */
export interface Merged {
  data: Record<string, unknown>;
  origins: Record<string, string>;
  /** Dotted path (leaf or parent) → origin and layer of the last entry under it, to locate problems. */
  owners: Map<string, { origin: string; layer: Layer }>;
}

/** Applies layers lowest precedence first; later values replace earlier ones key by key. */
export function mergeLayers(layers: readonly Layer[]): Merged {
  const merged: Merged = { data: {}, origins: {}, owners: new Map() };
  for (const layer of layers) {
    for (const entry of layer.entries) {
      setIn(merged.data, entry.path, entry.value);
      const key = dotted(entry.path);
      if (!isPlainObject(entry.value)) {
        for (const old of Object.keys(merged.origins)) if (old.startsWith(`${key}.`)) delete merged.origins[old];
        merged.origins[key] = entry.origin;
      }
      for (let i = 1; i <= entry.path.length; i++) {
        merged.owners.set(dotted(entry.path.slice(0, i)), { origin: entry.origin, layer });
      }
    }
  }
  return merged;
}

const isKnown = (name: string): boolean => (KNOWN_PROVIDERS as readonly string[]).includes(name);

/**
 * Checks that need every source at once: custom providers have a base_url, and `provider` names
 * mock, a known provider or one configured under `providers`.
 */
export function checkMerged(merged: Merged): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const providers = providersOf(merged);
  for (const [name, entry] of Object.entries(providers)) {
    if (isKnown(name) || entry.base_url !== undefined) continue;
    problems.push(problemAt(merged, ['providers', name], `custom provider "${name}" needs base_url (an OpenAI-compatible endpoint)`));
  }
  for (const [name, entry] of Object.entries(mcpServersOf(merged))) {
    const kinds = [entry.command !== undefined, entry.url !== undefined].filter(Boolean).length;
    if (kinds === 1) continue;
    const message = kinds === 0 ? `MCP server "${name}" needs command (stdio) or url (streamable HTTP)` : `MCP server "${name}" sets both command and url: keep one`;
    problems.push(problemAt(merged, ['mcp', 'servers', name], message));
  }
  const provider = merged.data.provider;
  if (typeof provider === 'string' && provider !== 'mock' && !isKnown(provider) && !(provider in providers)) {
    const expected = `mock, ${KNOWN_PROVIDERS.join(', ')} or a name under providers`;
    problems.push(problemAt(merged, ['provider'], `expected ${expected}, got ${describeValue(provider, 'provider')}`));
  }
  return problems;
}

/**
 * The provider used when none is configured: the first known one that has an api_key (ollama needs
 * only to be listed), then the first custom one, else `mock`.
 */
export function defaultProvider(providers: Record<string, ProviderConfig>): string {
  const known = KNOWN_PROVIDERS.find((name) => {
    const entry = providers[name];
    return entry !== undefined && (name === 'ollama' || entry.api_key !== undefined);
  });
  return known ?? Object.keys(providers).find((name) => !isKnown(name)) ?? 'mock';
}

/** The merged `providers` section, tolerating wrong shapes (those are reported by validateLayer). */
export function providersOf(merged: Merged): Record<string, ProviderConfig> {
  const providers = merged.data.providers;
  if (!isPlainObject(providers)) return {};
  return Object.fromEntries(Object.entries(providers).filter(([, v]) => isPlainObject(v))) as Record<string, ProviderConfig>;
}

/** The merged `mcp.servers` section, tolerating wrong shapes (those are reported by validateLayer). */
function mcpServersOf(merged: Merged): Record<string, McpServerConfig> {
  const mcp = merged.data.mcp;
  const servers = isPlainObject(mcp) ? mcp.servers : undefined;
  if (!isPlainObject(servers)) return {};
  return Object.fromEntries(Object.entries(servers).filter(([, v]) => isPlainObject(v))) as Record<string, McpServerConfig>;
}

function problemAt(merged: Merged, path: string[], message: string): ConfigProblem {
  const owner = merged.owners.get(dotted(path));
  const line = owner?.layer.lineOf?.(path);
  const problem: ConfigProblem = { source: owner?.origin ?? 'config', path: dotted(path), message };
  if (line !== undefined) problem.line = line;
  return problem;
}
