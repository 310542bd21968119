import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StudioClient, StudioEvent, StudioMethod } from '../../runtime/contract/studio-api';
import { ALLOWED_EVENTS, ALLOWED_METHODS, EVENT_CHANNEL, invokeChannel, type IpcReply } from './allow-list';

// Why a Set built from the contract: the page can reach exactly the contract's methods, never an
// arbitrary IPC channel (ipcRenderer itself is never exposed).
const allowed = new Set<string>(ALLOWED_METHODS);
const events = new Set<string>(ALLOWED_EVENTS);

/**
 * The Studio API as the renderer sees it in Electron: `window.api`, a {@link StudioClient}. A failed
 * call rejects with a plain `{ name: 'StudioCallError', message, code }` object (contextBridge drops
 * custom properties of Error objects, and `code` matters: `stale`, `not_found`, ...).
 */
const api: StudioClient = {
  call(method, input) {
    if (!allowed.has(method)) return Promise.reject({ name: 'StudioCallError', message: `unknown Studio API method ${String(method)}`, code: 'unknown_method' });
    return ipcRenderer.invoke(invokeChannel(method as StudioMethod), input).then((reply: IpcReply) => {
      if ('error' in reply) throw { name: 'StudioCallError', message: reply.error.message, code: reply.error.code };
      return reply.result as never;
    });
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`unknown Studio API event ${String(event)}`);
    // Why a wrapper: the IpcRendererEvent (with its sender) never reaches page code, only the data.
    const handler = (_event: IpcRendererEvent, message: { event: StudioEvent; data: unknown }) => {
      if (message.event === event) listener(message.data as never);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};

// Why contextBridge: the page gets copies of these two functions in its own world (contextIsolation),
// never Electron or Node objects.
contextBridge.exposeInMainWorld('api', api);
