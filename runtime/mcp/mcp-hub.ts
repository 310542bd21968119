/**
 * Every configured MCP server of one host process (a CLI command, the studio, `mcp serve`): one
 * connection per server, shared by all runs, started on first use and stopped by `close()`. An
 * `exit` hook kills whatever is still running, so no server outlives the process.
 */
import type { McpServerConfig } from '../config';
import { McpConnection, type McpState, type McpToolInfo } from './mcp-connection';
import type { SecretLookup } from './mcp-secrets';

/** A server as `llmspell mcp list` and the studio show it. */
export interface McpServerStatus {
  name: string;
  kind: 'stdio' | 'http';
  state: McpState;
  error?: string;
  tools?: McpToolInfo[];
}

const live = new Set<McpHub>();
let exitHooked = false;

/** Why a hook at all: `process.exit()` skips pending promises, so `close()` may never finish. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => {
    for (const hub of live) hub.killNow();
  });
}

export class McpHub {
  private readonly connections = new Map<string, { config: string; connection: McpConnection }>();

  constructor(
    servers: Record<string, McpServerConfig>,
    private readonly secrets: SecretLookup,
  ) {
    this.update(servers);
    live.add(this);
    hookExit();
  }

  /** Applies a new configuration: changed or removed servers are stopped, new ones wait for first use. */
  update(servers: Record<string, McpServerConfig>): void {
    for (const [name, entry] of this.connections) {
      const next = servers[name];
      if (next && JSON.stringify(next) === entry.config) continue;
      void entry.connection.close();
      this.connections.delete(name);
    }
    for (const [name, config] of Object.entries(servers)) {
      if (this.connections.has(name)) continue;
      this.connections.set(name, { config: JSON.stringify(config), connection: new McpConnection(name, config, this.secrets) });
    }
  }

  /** Configured server names, sorted. */
  names(): string[] {
    return [...this.connections.keys()].sort();
  }

  /** The connection of a configured server, if any. */
  get(name: string): McpConnection | undefined {
    return this.connections.get(name)?.connection;
  }

  /** Each server's state; with `withTools`, starts every server to list its tools. */
  async status(withTools: boolean, signal?: AbortSignal): Promise<McpServerStatus[]> {
    return Promise.all(
      this.names().map(async (name): Promise<McpServerStatus> => {
        const connection = this.get(name)!;
        let tools: McpToolInfo[] | undefined;
        let error: string | undefined;
        if (withTools) {
          try {
            tools = await connection.listTools(signal);
          } catch (e) {
            error = (e as Error).message;
          }
        }
        error ??= connection.lastError;
        return { name, kind: connection.kind, state: connection.state, ...(error ? { error } : {}), ...(tools ? { tools } : {}) };
      }),
    );
  }

  /** Stops every server and waits for them to exit. */
  async close(): Promise<void> {
    live.delete(this);
    await Promise.all([...this.connections.values()].map(({ connection }) => connection.close()));
  }

  /** Kills every stdio server at once (the process is exiting). */
  killNow(): void {
    for (const { connection } of this.connections.values()) connection.killNow();
  }
}
