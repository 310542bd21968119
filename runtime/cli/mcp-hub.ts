/**
 * The MCP servers of one CLI command: a hub over `mcp.servers`, with `${NAME}` in their env and
 * headers read from the secret store the studio keeps provider keys in (`mcp:NAME`), else from the
 * environment. Undefined when no server is configured, so a plain run pays nothing.
 */
import path from 'node:path';
import { llmspellHome, type Config } from '../config';
import { McpHub } from '../mcp/mcp-hub';
import { mcpSecretName, secretsThenEnv } from '../mcp/mcp-secrets';
import { FileSecretStore } from '../studio/secret-store';
import type { CliContext } from './command';

export async function openMcpHub(config: Config, ctx: Pick<CliContext, 'env'>): Promise<McpHub | undefined> {
  if (Object.keys(config.mcp.servers).length === 0) return undefined;
  const store = await FileSecretStore.open(path.join(llmspellHome(ctx.env), 'secrets.json'));
  return new McpHub(config.mcp.servers, secretsThenEnv((name) => store.get(mcpSecretName(name)), ctx.env));
}
