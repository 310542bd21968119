/**
 * A plain HTTP server on 127.0.0.1 for http bridge tests, with routes for each behaviour under test:
 * text, echo, redirects (chains and to any URL), large, slow and gzip bodies, HTML.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A running test server. */
export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Paths requested, in order. */
  hits: string[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function route(req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const url = new URL(req.url ?? '/', base);
  const param = (name: string) => url.searchParams.get(name) ?? '';
  switch (url.pathname) {
    case '/hello':
      res.writeHead(200, { 'content-type': 'text/plain', 'x-test': 'yes', 'set-cookie': ['a=1', 'b=2'] }).end('hello world');
      return;
    case '/echo':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, headers: req.headers, body: await readBody(req), path: req.url }));
      return;
    case '/status':
      res.writeHead(Number(param('code'))).end(`status ${param('code')}`);
      return;
    case '/chain': {
      const n = Number(param('n'));
      if (n <= 0) res.writeHead(200).end('end of chain');
      else res.writeHead(302, { location: `/chain?n=${n - 1}` }).end();
      return;
    }
    case '/redirect':
      await readBody(req);
      res.writeHead(Number(param('code') || 302), { location: param('to') }).end();
      return;
    case '/big':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(Number(param('bytes'))));
      return;
    case '/big-chunked': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const total = Number(param('bytes'));
      for (let sent = 0; sent < total; sent += 65536) res.write('y'.repeat(Math.min(65536, total - sent)));
      res.end();
      return;
    }
    case '/gzip':
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync('z'.repeat(Number(param('bytes') || 100))));
      return;
    case '/slow':
      setTimeout(() => res.writeHead(200).end('late'), Number(param('ms')));
      return;
    case '/html':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><head><title>T</title><style>p{color:red}</style><script>var x = "<p>no</p>";</script></head><body><h1>Title &amp; more</h1><p>First   para.</p><!-- hidden --><p>Second&nbsp;para &#8364;</p></body></html>');
      return;
    default:
      res.writeHead(404).end('not found');
  }
}

/** Starts the server on an ephemeral port of 127.0.0.1. */
export async function startHttpServer(): Promise<TestHttpServer> {
  const sockets = new Set<Socket>();
  const hits: string[] = [];
  let base = '';
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    route(req, res, base).catch((err: Error) => res.writeHead(500).end(err.message));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
