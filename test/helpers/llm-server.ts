/**
 * A local OpenAI-compatible server on 127.0.0.1 that speaks the real wire protocol (JSON and SSE),
 * so tests drive the real `openai` SDK over real sockets. Answers come from a FIFO script, or echo.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { completionChunks, completionJson, echoAnswer, errorJson, type ScriptedToolCall } from './llm-server-wire';

export type { ScriptedToolCall } from './llm-server-wire';

/** One scripted answer, consumed by the next chat request (FIFO). `delayMs` waits before the first byte. */
export type ScriptedResponse = { delayMs?: number } & (
  | { content: string }
  | { toolCalls: ScriptedToolCall[]; content?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { malformed: true }
  | { hang: true }
);

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or `undefined` when there was none or it did not parse. */
  body: unknown;
}

/** Options of `startLlmServer`. */
export interface LlmServerOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` (401 otherwise). */
  apiKey?: string;
  /** Delay before the first byte of every answer, in ms. */
  latencyMs?: number;
  /** Delay between stream chunks, in ms. */
  chunkDelayMs?: number;
  /** Model ids listed by `GET /v1/models`. */
  models?: string[];
}

/** A running test server. */
export interface LlmServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  requests: RecordedRequest[];
  enqueue(...responses: ScriptedResponse[]): void;
  setLatency(ms: number): void;
  /**
   * The most chat requests this server answered at one time since the last call (concurrency,
   * whatever the machine's speed); each call starts a new count.
   */
  peakInFlight(): number;
  /** Stops listening and destroys open sockets (hung requests included). */
  close(): Promise<void>;
}

/** Starts the server on a random port of 127.0.0.1. */
export async function startLlmServer(options: LlmServerOptions = {}): Promise<LlmServer> {
  const queue: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let latency = options.latencyMs ?? 0;
  let nextId = 0;
  let inFlight = 0;
  let peak = 0;

  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
          timers.add(timer);
        });
  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  };

  async function chat(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    peak = Math.max(peak, ++inFlight);
    try {
      await answerChat(res, body);
    } finally {
      inFlight--;
    }
  }

  async function answerChat(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const script = queue.shift() ?? { content: echoAnswer(body.messages) };
    if ('hang' in script) return; // never answer: the client's timeout must fire
    await wait(latency + (script.delayMs ?? 0));
    if (res.destroyed) return;
    if ('status' in script) return sendJson(res, script.status, script.body ?? errorJson(script.status), script.headers);
    const id = String(++nextId);
    if (body.stream !== true) {
      if ('malformed' in script) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "x", "choices": [');
      const answer = { content: 'content' in script ? (script.content ?? '') : '', toolCalls: 'toolCalls' in script ? script.toolCalls : [] };
      return sendJson(res, 200, completionJson(id, body, answer));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    if ('malformed' in script) return void res.end('data: {"id": "x", "choices": [{"delta": {"content": "brok\n\n');
    const answer = { content: 'content' in script ? (script.content ?? '') : '', toolCalls: 'toolCalls' in script ? script.toolCalls : [] };
    const chunks = completionChunks(id, body, answer);
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0) await wait(options.chunkDelayMs ?? 0);
      if (res.destroyed) return; // the client went away (cancelled)
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body });
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, errorJson(401, 'Incorrect API key provided'));
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      if (!body || typeof body !== 'object') return sendJson(res, 400, errorJson(400, 'body must be a JSON object'));
      return chat(res, body as Record<string, unknown>);
    }
    if (req.method === 'GET' && path === '/v1/models') {
      await wait(latency);
      const ids = options.models ?? ['test-model', 'test-model-mini'];
      return sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
    }
    sendJson(res, 404, errorJson(404, `no route ${req.method} ${path}`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, errorJson(500, String(err))));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', 1024, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    setLatency: (ms) => void (latency = ms),
    peakInFlight: () => {
      const seen = peak;
      peak = inFlight;
      return seen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
