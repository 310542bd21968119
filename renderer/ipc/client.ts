import type { StudioClient } from '../../runtime/contract/studio-api';
import { createWsClient, type ConnectedClient, type ConnectionState } from './ws-client';
import { checkEvent, checkResult, socketUrl, toCallError } from './wire';

export type { ConnectionState, ConnectedClient } from './ws-client';
export { StudioCallError } from './wire';

declare global {
  interface Window {
    /** Electron's preload exposes the Studio API here; absent in the browser studio. */
    api?: StudioClient;
  }
}

/**
 * The only module that talks to the host: Electron's preload `window.api` when present, else the
 * WebSocket of `llmspell studio` at this page's origin (authenticated by the token in the page URL).
 */
export function createStudioClient(): ConnectedClient {
  const api = window.api;
  if (api) {
    return {
      // The same checks as over the WebSocket: replies and events must match the contract.
      call: (method, input) =>
        api.call(method, input).then(
          (result) => checkResult(method, result) as never,
          (error: unknown) => Promise.reject(toCallError(error)),
        ),
      on: (event, listener) =>
        api.on(event, (data) => {
          const checked = checkEvent(event, data);
          if (checked !== undefined) listener(checked as never);
        }),
      // IPC to our own main process never drops.
      onConnection: (listener: (state: ConnectionState) => void) => (listener('open'), () => undefined),
    };
  }
  return createWsClient(socketUrl(window.location));
}
