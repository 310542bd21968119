// A minimal OpenAI-compatible streaming endpoint for the renderer bench: it writes numbered chunks
// (`c0 `, `c1 `, ...) `gapMs` apart and records when each one went into the socket, so the bench can
// compare that moment with when the chunk's text appeared in the page's DOM (same machine, same clock).
import { createServer } from 'node:http';

/** Wall-clock time in ms with sub-ms precision, comparable with a page's timeOrigin + now(). */
export const wallNow = () => performance.timeOrigin + performance.now();

/** Starts the server; `sent[i]` is the wall time chunk i was written. */
export async function startSseServer({ chunks = 40, gapMs = 30 } = {}) {
  const sent = [];
  const sockets = new Set();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      if (!req.url?.endsWith('/chat/completions')) return void res.writeHead(404).end();
      const stream = JSON.parse(body || '{}').stream === true;
      const chunk = (content) => ({ id: 'bench', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
      if (!stream) {
        const message = { role: 'assistant', content: 'ok' };
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'b', object: 'chat.completion', created: 0, model: 'bench', choices: [{ index: 0, message, finish_reason: 'stop' }] }));
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      sent.length = 0;
      for (let i = 0; i < chunks; i++) {
        await new Promise((r) => setTimeout(r, gapMs));
        res.write(`data: ${JSON.stringify(chunk(`c${i} `))}\n\n`);
        sent[i] = wallNow();
      }
      res.write(`data: ${JSON.stringify({ ...chunk(''), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/v1`,
    sent,
    close: () => new Promise((r) => (sockets.forEach((s) => s.destroy()), server.close(r))),
  };
}
