import type { StudioClient, StudioEvent, StudioEventData, StudioInput, StudioMethod, StudioOutput } from '../../runtime/contract/studio-api';
import { checkResult, decodeMessage, encodeRequest, reconnectDelay, StudioCallError } from './wire';

/** Whether the socket to the host is up. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A StudioClient that also reports its connection. */
export interface ConnectedClient extends StudioClient {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

interface Pending {
  method: StudioMethod;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * The Studio API over a WebSocket to `llmspell studio`: calls made while first connecting wait in a
 * queue; a dropped socket fails its pending calls, fails new ones at once while it is down, and
 * reconnects with backoff (the stores reload what they show once it is back).
 */
export function createWsClient(url: string): ConnectedClient {
  const pending = new Map<number, Pending>();
  const listeners = new Map<StudioEvent, Set<(data: never) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let queue: string[] = [];
  let nextId = 1;
  let attempt = 0;
  let socket: WebSocket;
  /** True once a connection opened: after that, a call while down fails at once instead of waiting. */
  let everOpen = false;

  const setState = (state: ConnectionState) => connectionListeners.forEach((l) => l(state));

  function connect(): void {
    setState('connecting');
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      everOpen = true;
      for (const text of queue) socket.send(text);
      queue = [];
      setState('open');
    };
    socket.onmessage = (message: MessageEvent<string>) => receive(message.data);
    socket.onclose = () => {
      for (const call of pending.values()) call.reject(new StudioCallError(`the connection to the studio host closed during ${call.method}`, 'disconnected'));
      pending.clear();
      // Their callers were just told the calls failed: never send them later.
      queue = [];
      setState('closed');
      setTimeout(connect, reconnectDelay(attempt++));
    };
  }

  function receive(text: string): void {
    const message = decodeMessage(text);
    if (message.kind === 'event') {
      listeners.get(message.event)?.forEach((listener) => listener(message.data as never));
      return;
    }
    if (message.kind === 'invalid') return console.warn(`studio: ignored a message from the host (${message.reason})`);
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.kind === 'failure') return call.reject(message.error);
    try {
      call.resolve(checkResult(call.method, message.result));
    } catch (error) {
      call.reject(error as Error);
    }
  }

  connect();
  return {
    call<M extends StudioMethod>(method: M, input: StudioInput<M>): Promise<StudioOutput<M>> {
      const id = nextId++;
      const text = encodeRequest(id, method, input);
      return new Promise<StudioOutput<M>>((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN && everOpen) {
          // The link dropped: say so now rather than leave the caller waiting for a reconnection
          // that may never come (a start sent minutes later would surprise the user).
          reject(new StudioCallError(`not connected to the studio host: ${method} was not sent (reconnecting…)`, 'disconnected'));
          return;
        }
        pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject });
        if (socket.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on<E extends StudioEvent>(event: E, listener: (data: StudioEventData<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (data: never) => void);
      return () => set.delete(listener as (data: never) => void);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
