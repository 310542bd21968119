import type { WebSocket } from 'ws';
import { dispatchCall } from '../studio/dispatch';
import type { Studio } from '../studio/create-studio';

/** A client that reads too slowly is cut off rather than grow our memory without bound. */
const MAX_BUFFERED_BYTES = 64 * 2 ** 20;

/**
 * One authenticated WebSocket: each text message `{ id, method, params }` is dispatched (the contract
 * checks it) and answered `{ id, result }` or `{ id, error }`; every studio event is pushed as
 * `{ event, data }`. A malformed message gets an error reply; nothing a client sends can crash the server.
 */
export function serveSocket(socket: WebSocket, studio: Studio, log: (line: string) => void): void {
  const send = (message: unknown) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, 'client too slow');
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const unsubscribe = studio.events.subscribe((message) => send(message));
  socket.on('close', unsubscribe);
  // Why: a socket error (reset, bad frame) ends this connection only, never the server.
  socket.on('error', (error) => log(`websocket: ${error.message}`));
  socket.on('message', (data, isBinary) => {
    if (isBinary) return send({ id: null, error: { message: 'expected a JSON text message', code: 'bad_request' } });
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return send({ id: null, error: { message: 'the message is not valid JSON', code: 'bad_request' } });
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return send({ id: null, error: { message: 'expected an object { id, method, params }', code: 'bad_request' } });
    }
    const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof id !== 'number' && typeof id !== 'string') {
      return send({ id: null, error: { message: 'id: expected a number or string identifying the call', code: 'bad_request' } });
    }
    void dispatchCall(studio.handlers, method, params, log).then((reply) => send({ id, ...reply }));
  });
}
