/** Names that hold secrets: api_key, token, secret, password and the like. */
const SECRET_NAME = /key|token|secret|password/i;

/** True when the last segment of a dotted path names a secret (`providers.openai.api_key`). */
export function isSecretPath(path: string): boolean {
  // An MCP server's environment and headers carry its tokens whatever they are called.
  if (/^mcp\.servers\.[^.]+\.(env|headers)\./.test(path)) return true;
  const last = path.split('.').pop() ?? '';
  return SECRET_NAME.test(last);
}

/**
 * Masks a secret for display: `sk-…abcd` (first 3 and last 4 characters) when it is long enough
 * that those 7 characters are under 60% of it, else `****`. Never returns the whole secret.
 */
export function maskSecret(secret: string): string {
  if (secret.length < 12) return '****';
  return `${secret.slice(0, 3)}…${secret.slice(-4)}`;
}
