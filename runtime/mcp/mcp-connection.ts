/**
 * One configured MCP server as the host sees it: started on first use, shared by every run of this
 * process, restarted with backoff when it crashes, stopped by `close()`. Engines never reach it
 * directly; bridge handlers call it with the run's signal, so a stopped run cancels its calls.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerConfig } from '../config';
import { McpFailure, describeMcpError } from './mcp-errors';
import { resolveValues, type SecretLookup } from './mcp-secrets';

/** What `llmspell mcp list` and the studio show of a server. */
export type McpState = 'idle' | 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped';

/** A tool as the server describes it. */
export interface McpToolInfo {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
}

/** Per-call options: the run's signal, a progress callback, and the call's time limit. */
export interface McpCallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (progress: number, total?: number, message?: string) => void;
}

/** Delays before restart attempts after consecutive crashes: 0.25 s doubling up to 30 s. */
export function backoffMs(crashes: number): number {
  return Math.min(30_000, 250 * 2 ** Math.max(0, crashes - 1));
}
/** A connection that stayed up this long forgives earlier crashes. */
const STABLE_MS = 30_000;
/** After this many crashes in a row the server stays down until someone uses it again. */
const MAX_AUTO_RESTARTS = 5;
const CLIENT_INFO = { name: 'llmspell', version: '0.1.0' };
/** What a server printed last on stderr, kept to explain a crash. */
const STDERR_TAIL = 2000;

export class McpConnection {
  private client: Client | undefined;
  private starting: Promise<Client> | undefined;
  private tools: McpToolInfo[] | undefined;
  private stateNow: McpState = 'idle';
  private crashes = 0;
  private connectedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private notBefore = 0;
  private stderrTail = '';
  private lastErrorText: string | undefined;
  private transportNow: Transport | undefined;

  constructor(
    readonly name: string,
    private readonly config: McpServerConfig,
    private readonly secrets: SecretLookup,
  ) {}

  get state(): McpState {
    return this.stateNow;
  }

  /** Why the server last failed, if it did. */
  get lastError(): string | undefined {
    return this.lastErrorText;
  }

  /** The stdio server's process id while it runs (tests use it to check for orphans). */
  get pid(): number | null {
    return this.transportNow instanceof StdioClientTransport ? this.transportNow.pid : null;
  }

  /** The tools listed on the current connection, without starting anything; undefined before that. */
  get knownTools(): readonly McpToolInfo[] | undefined {
    return this.client ? this.tools : undefined;
  }

  /** `stdio` or `http`. */
  get kind(): 'stdio' | 'http' {
    return this.config.url ? 'http' : 'stdio';
  }

  /** The server's tools (listed once per connection). */
  async listTools(signal?: AbortSignal): Promise<McpToolInfo[]> {
    const client = await this.ready(signal);
    if (this.tools) return this.tools;
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.request(() => client.listTools(cursor ? { cursor } : {}, { ...(signal ? { signal } : {}), timeout: this.timeoutMs() }), 'listing tools', signal);
      for (const t of page.tools) tools.push({ name: t.name, description: t.description ?? '', inputSchema: t.inputSchema as Record<string, unknown> });
      cursor = page.nextCursor;
    } while (cursor);
    this.tools = tools;
    return tools;
  }

  /** Calls a tool; resolves with the raw MCP result (content, structuredContent, isError). */
  async callTool(tool: string, args: Record<string, unknown>, options: McpCallOptions = {}): Promise<McpToolResult> {
    const client = await this.ready(options.signal);
    const requestOptions = {
      ...(options.signal ? { signal: options.signal } : {}),
      timeout: options.timeoutMs ?? this.timeoutMs(),
      ...(options.onProgress ? { onprogress: (p: { progress: number; total?: number; message?: string }) => options.onProgress!(p.progress, p.total, p.message), resetTimeoutOnProgress: false } : {}),
    };
    return this.request(() => client.callTool({ name: tool, arguments: args }, undefined, requestOptions) as Promise<McpToolResult>, `the call to '${tool}'`, options.signal);
  }

  /** `resources/list`, every page. */
  async listResources(signal?: AbortSignal): Promise<Array<{ uri: string; name: string; description?: string; mimeType?: string }>> {
    const client = await this.ready(signal);
    const all: Array<{ uri: string; name: string; description?: string; mimeType?: string }> = [];
    let cursor: string | undefined;
    do {
      const page = await this.request(() => client.listResources(cursor ? { cursor } : {}, { ...(signal ? { signal } : {}), timeout: this.timeoutMs() }), 'listing resources', signal);
      for (const r of page.resources) all.push({ uri: r.uri, name: r.name, ...(r.description ? { description: r.description } : {}), ...(r.mimeType ? { mimeType: r.mimeType } : {}) });
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  /** `resources/read`. */
  async readResource(uri: string, signal?: AbortSignal): Promise<{ contents: Array<Record<string, unknown>> }> {
    const client = await this.ready(signal);
    return this.request(() => client.readResource({ uri }, { ...(signal ? { signal } : {}), timeout: this.timeoutMs() }), `reading '${uri}'`, signal);
  }

  /** `prompts/get`. */
  async getPrompt(name: string, args: Record<string, string>, signal?: AbortSignal): Promise<{ description?: string; messages: Array<Record<string, unknown>> }> {
    const client = await this.ready(signal);
    return this.request(() => client.getPrompt({ name, arguments: args }, { ...(signal ? { signal } : {}), timeout: this.timeoutMs() }), `getting the prompt '${name}'`, signal);
  }

  /** Stops the server (and any pending restart); later calls start it again. */
  async close(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const client = this.client ?? (await this.starting?.catch(() => undefined));
    this.client = undefined;
    this.starting = undefined;
    this.tools = undefined;
    this.stateNow = 'stopped';
    if (client) {
      client.onclose = undefined;
      await client.close().catch(() => {});
    }
    this.transportNow = undefined;
  }

  /** Kills a stdio server at once, for the process `exit` hook (which cannot wait). */
  killNow(): void {
    const pid = this.pid;
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  private timeoutMs(): number {
    return Math.round((this.config.timeout ?? 300) * 1000);
  }

  /** Runs one request; a connection lost meanwhile becomes a clear error (and a restart). */
  private async request<T>(send: () => Promise<T>, what: string, signal?: AbortSignal): Promise<T> {
    try {
      return await send();
    } catch (error) {
      // The SDK reports an aborted request as a timeout: say what happened.
      if (signal?.aborted) {
        const reason = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === 'string' ? signal.reason : '';
        throw new McpFailure(`MCP server '${this.name}': ${what} was cancelled${reason ? ` (${reason})` : ''}`, error);
      }
      throw new McpFailure(describeMcpError(this.name, what, error, this.stderrTail.trim()), error);
    }
  }

  /** The connected client, starting the server (or waiting out a restart's backoff) first. */
  private async ready(signal?: AbortSignal): Promise<Client> {
    if (this.client) return this.client;
    if (this.stateNow === 'stopped') this.stateNow = 'idle';
    if (!this.starting) {
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      this.starting = this.start();
    }
    const starting = this.starting;
    if (!signal) return starting;
    return new Promise<Client>((resolve, reject) => {
      const onAbort = () => reject(new McpFailure(`MCP server '${this.name}': cancelled while the server was starting`));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      starting.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private async start(): Promise<Client> {
    this.stateNow = this.crashes > 0 ? 'restarting' : 'starting';
    const wait = this.notBefore - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    this.stderrTail = '';
    let transport: Transport;
    try {
      transport = this.transport();
    } catch (error) {
      this.starting = undefined;
      this.stateNow = 'failed';
      this.lastErrorText = (error as Error).message;
      throw error;
    }
    this.transportNow = transport;
    const client = new Client(CLIENT_INFO, { capabilities: {} });
    try {
      await client.connect(transport, { timeout: Math.min(this.timeoutMs(), 30_000) });
    } catch (error) {
      this.starting = undefined;
      this.crashes++;
      this.notBefore = Date.now() + backoffMs(this.crashes);
      this.stateNow = 'failed';
      await client.close().catch(() => {});
      const message = describeMcpError(this.name, this.kind === 'http' ? 'connecting' : 'starting the server', error, this.stderrTail.trim());
      this.lastErrorText = message;
      throw new McpFailure(message, error);
    }
    this.connectedAt = Date.now();
    this.client = client;
    this.starting = undefined;
    this.stateNow = 'ready';
    this.lastErrorText = undefined;
    client.onclose = () => this.lost(client);
    return client;
  }

  /** The server went away without `close()`: forget it and restart after a backoff. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.tools = undefined;
    this.transportNow = undefined;
    if (Date.now() - this.connectedAt >= STABLE_MS) this.crashes = 0;
    this.crashes++;
    const delay = backoffMs(this.crashes);
    this.notBefore = Date.now() + delay;
    this.lastErrorText = `the server stopped${this.stderrTail.trim() ? `: ${lastLine(this.stderrTail)}` : ''}`;
    if (this.crashes > MAX_AUTO_RESTARTS) {
      this.stateNow = 'failed';
      return;
    }
    this.stateNow = 'restarting';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.client || this.starting || this.stateNow === 'stopped') return;
      this.starting = this.start();
      this.starting.catch(() => {}); // the next call reports it
    }, delay);
    this.restartTimer.unref();
  }

  private transport(): Transport {
    const { config } = this;
    if (config.url) {
      const headers = resolveValues(config.headers ?? {}, this.secrets, `mcp.servers.${this.name}.headers`);
      return new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers } });
    }
    if (!config.command) throw new McpFailure(`MCP server '${this.name}' has neither command nor url`);
    const env = resolveValues(config.env ?? {}, this.secrets, `mcp.servers.${this.name}.env`);
    const transport = new StdioClientTransport({
      command: config.command,
      args: config.args ?? [],
      env,
      ...(config.cwd ? { cwd: config.cwd } : {}),
      // Why pipe: a server's chatter must not mix into our stdout/stderr; its tail explains a crash.
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    return transport;
  }
}

/** What `tools/call` answers. */
export interface McpToolResult {
  content?: Array<Record<string, unknown>>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}
