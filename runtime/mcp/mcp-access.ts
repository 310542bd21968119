/**
 * What one run may reach of the host's MCP servers: the hub, narrowed to the servers its manifest
 * grants (`permissions.mcp`; every configured server for a spell without a manifest). Bridge
 * handlers find it in `ctx.services.mcp`.
 */
import { BridgeError, ErrorCode } from '../contract/error-codes';
import type { McpConnection } from './mcp-connection';
import type { McpHub } from './mcp-hub';

/** The key of the run service. */
export const MCP_SERVICE = 'mcp';

export class McpAccess {
  constructor(
    private readonly hub: McpHub,
    /** Granted server names (`*` for any); undefined: every configured server. */
    private readonly granted: readonly string[] | undefined,
  ) {}

  /** Whether this run may use `server`. */
  allows(server: string): boolean {
    return this.granted === undefined || this.granted.includes('*') || this.granted.includes(server);
  }

  /** Configured servers this run may use, sorted. */
  servers(): string[] {
    return this.hub.names().filter((name) => this.allows(name));
  }

  /** Whether `server` is configured at all (to tell an MCP tool name from a typo). */
  configured(server: string): boolean {
    return this.hub.get(server) !== undefined;
  }

  /** The server's connection; a clear error when it is not configured or not granted. */
  connection(server: string): McpConnection {
    const connection = this.hub.get(server);
    if (!connection) {
      const known = this.hub.names();
      const hint = known.length ? `configured: ${known.join(', ')}` : 'none is configured (mcp.servers in llmspell.yaml)';
      throw new BridgeError(`unknown MCP server '${server}' (${hint})`, ErrorCode.McpUnavailable);
    }
    if (!this.allows(server)) throw new BridgeError(`the MCP server '${server}' is not granted to this spell (add to spell.yaml: permissions: { mcp: [${server}] })`, ErrorCode.PermissionDenied);
    return connection;
  }
}

/** The run's MCP access, or undefined when the host runs no MCP servers. */
export function mcpOf(ctx: { readonly services: { readonly [name: string]: unknown } }): McpAccess | undefined {
  const access = ctx.services[MCP_SERVICE];
  return access instanceof McpAccess ? access : undefined;
}

/** `server.tool` → [server, tool]; undefined for a name without a dot. */
export function splitToolName(name: string): [string, string] | undefined {
  const dot = name.indexOf('.');
  return dot > 0 && dot < name.length - 1 ? [name.slice(0, dot), name.slice(dot + 1)] : undefined;
}
