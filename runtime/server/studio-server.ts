import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Studio } from '../studio/create-studio';
import { Gate, newToken } from './auth';
import { SECURITY_HEADERS, studioCsp } from './csp';
import { NOT_BUILT_PAGE, resolveStatic, sendFile } from './static-files';
import { serveSocket } from './ws-session';

/** Options of {@link startStudioServer}. */
export interface StudioServerOptions {
  studio: Studio;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (`renderer/dist`); when it has no index.html a page says how to build it. */
  rendererDir: string;
  log?: (line: string) => void;
}

/** A running studio server. */
export interface StudioServer {
  /** `http://127.0.0.1:PORT/?token=...`: the only way in. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted (a file save is at most 2 MB of text, JSON-escaped). */
const MAX_MESSAGE_BYTES = 8 * 2 ** 20;

/**
 * The browser studio: the renderer and the Studio API over HTTP + WebSocket, on 127.0.0.1 only,
 * behind a random per-launch token. There is no unauthenticated endpoint: every HTTP request and
 * every WebSocket upgrade passes the {@link Gate} first.
 */
export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const log = options.log ?? (() => {});
  const token = newToken();
  // The gate needs the port, known once listening; until then nothing is served.
  const state: { gate?: Gate } = {};
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const server = createServer((req, res) => {
    if (!state.gate) return void res.destroy();
    handleHttp(req, res, state.gate, options.rendererDir).catch((error: unknown) => {
      log(`http: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Why each check: token = only whoever got the URL; host = no DNS rebinding; origin = no other site's page.
    const gate = state.gate;
    if (!gate || !gate.hasToken(req) || !gate.hostAllowed(req) || !gate.originAllowed(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options.studio, log));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Why 127.0.0.1: the studio holds keys and runs code; it is never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.gate = new Gate(token, port);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, gate: Gate, rendererDir: string): Promise<void> {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  const text = (status: number, body: string) => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  };
  if (!gate.hostAllowed(req)) return text(421, 'wrong host: open the studio at the URL it printed');
  // Why: no endpoint without the token, static files included.
  if (!gate.hasToken(req)) return text(401, 'llmspell studio: open the URL printed by `llmspell studio` (it carries the access token)');
  if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'only GET and HEAD');
  const pathname = new URL(req.url ?? '/', 'http://x').pathname;
  const resolved = await resolveStatic(rendererDir, pathname);
  // Why on every response: a worker script's policy comes from its own response, not the page's.
  res.setHeader('Content-Security-Policy', studioCsp([`ws://127.0.0.1:${gate.port}`, `ws://localhost:${gate.port}`]));
  if (pathname === '/' || resolved?.type.startsWith('text/html')) {
    // The page's own requests (scripts, workers, the socket) then carry the token without the query.
    res.setHeader('Set-Cookie', gate.cookie());
  }
  if (resolved) return sendFile(res, resolved, req.method === 'HEAD');
  if (pathname === '/' || pathname === '/index.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return void res.end(req.method === 'HEAD' ? undefined : NOT_BUILT_PAGE);
  }
  text(404, 'not found');
}
