/**
 * `${NAME}` in an MCP server's `env` and `headers`: the secret NAME of the secret store (where the
 * studio keeps provider keys), else the host's environment variable NAME. Resolved in the host when
 * the server starts; a spell never sees either.
 */
import { McpFailure } from './mcp-failure';

/** Reads a secret by name (the studio's secret store; the environment in the CLI). */
export type SecretLookup = (name: string) => string | undefined;

const REFERENCE = /\$\{([A-Za-z0-9_][A-Za-z0-9_.:-]*)\}/g;

/** The same mapping with every `${NAME}` replaced; a missing one is an error naming where it was. */
export function resolveValues(values: Record<string, string>, lookup: SecretLookup, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = value.replace(REFERENCE, (_all, name: string) => {
      const found = lookup(name);
      if (found === undefined) throw new McpFailure(`${where}.${key}: no secret or environment variable named ${name}`);
      return found;
    });
  }
  return out;
}

/** The secret store's key of an MCP secret: `mcp:NAME`, apart from the provider keys. */
export function mcpSecretName(name: string): string {
  return `mcp:${name}`;
}

/** Whether a secret store key holds an MCP secret (not a provider key). */
export function isMcpSecretName(key: string): boolean {
  return key.startsWith('mcp:');
}

/** Secrets first, then the environment. */
export function secretsThenEnv(secrets: SecretLookup | undefined, env: NodeJS.ProcessEnv): SecretLookup {
  return (name) => secrets?.(name) ?? env[name];
}
