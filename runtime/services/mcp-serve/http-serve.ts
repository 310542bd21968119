/**
 * `llmspell mcp serve --http <port>`: the spell server over streamable HTTP at `/mcp`, one MCP
 * session per client, every request carrying `Authorization: Bearer <token>`.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';

export interface HttpServeOptions {
  port: number;
  host: string;
  token: string;
  /** A new MCP server for each session. */
  newServer: () => Server;
}

/** Largest request body accepted (a tool call's arguments). */
const MAX_BODY = 4 * 1024 * 1024;

/** A running HTTP endpoint; `close()` ends every session. */
export interface HttpServe {
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(options: HttpServeOptions): Promise<HttpServe> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const expected = Buffer.from(`Bearer ${options.token}`);
  const authorised = (header: string | undefined) => {
    const given = Buffer.from(header ?? '');
    // Why timingSafeEqual: the token must not leak through how fast a wrong guess is refused.
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const fail = (res: http.ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json', ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}) });
    res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      if ((req.url ?? '').split('?')[0] !== '/mcp') return fail(res, 404, 'the MCP endpoint is /mcp');
      if (!authorised(req.headers.authorization)) return fail(res, 401, 'missing or wrong bearer token');
      const body = req.method === 'POST' ? await readJson(req) : undefined;
      if (body instanceof Error) return fail(res, 400, body.message);
      const id = req.headers['mcp-session-id'];
      let transport = typeof id === 'string' ? sessions.get(id) : undefined;
      if (!transport) {
        if (typeof id === 'string') return fail(res, 404, 'unknown MCP session');
        if (req.method !== 'POST' || !isInitializeRequest(body)) return fail(res, 400, 'start a session with an initialize request');
        const created = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (sessionId) => void sessions.set(sessionId, created),
        });
        created.onclose = () => {
          if (created.sessionId) sessions.delete(created.sessionId);
        };
        await options.newServer().connect(created);
        transport = created;
      }
      await transport.handleRequest(req, res, body);
    })().catch((error: unknown) => {
      if (!res.headersSent) fail(res, 500, (error as Error).message);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${address.port}/mcp`,
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close().catch(() => {})));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(new Error(`the request body is over ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(new Error('the request body is not JSON'));
      }
    });
    req.on('error', (error) => resolve(error));
  });
}
