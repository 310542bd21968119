import { getDotted } from './layer';
import type { LoadedConfig } from './load';
import { isSecretPath, maskSecret } from './secrets';

/**
 * The text of `llmspell config show`: one `key = value   (origin)` line per effective value, in
 * schema order, origins aligned. Secrets (api_key, anything named key/token/secret/password) are masked.
 */
export function formatConfig(loaded: LoadedConfig): string {
  const rows = Object.entries(loaded.origins).map(([key, origin]) => {
    const value = getDotted(loaded.config, key);
    return { left: `${key} = ${formatValue(key, value)}`, origin };
  });
  // Align origins, but let one long list not push every other origin far right.
  const width = Math.min(48, Math.max(0, ...rows.map((r) => r.left.length)));
  return rows.map((r) => `${r.left.padEnd(width)}   (${r.origin})`).join('\n') + '\n';
}

/**
 * `llmspell config show --json`: every effective value by its dotted key (secrets masked as in the
 * text form) and where each came from (`default`, `env OPENAI_API_KEY`, `./llmspell.yaml`, `flag`).
 */
export function configJson(loaded: LoadedConfig): { values: Record<string, unknown>; origins: Record<string, string> } {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(loaded.origins)) {
    const value = getDotted(loaded.config, key);
    values[key] = isSecretPath(key) && value !== undefined ? maskSecret(String(value)) : value;
  }
  return { values, origins: { ...loaded.origins } };
}

function formatValue(key: string, value: unknown): string {
  if (isSecretPath(key) && value !== undefined) return maskSecret(String(value));
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return JSON.stringify(value) ?? String(value);
}
