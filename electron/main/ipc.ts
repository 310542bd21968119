import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dispatchCall } from '../../runtime/studio/dispatch';
import type { Studio } from '../../runtime/studio/create-studio';
import { ALLOWED_METHODS, EVENT_CHANNEL, invokeChannel, type IpcReply } from '../preload/allow-list';
import { APP_ORIGIN } from './app-protocol';

/**
 * One `ipcMain.handle` per contract method, each checking who calls and what it sends (zod, through
 * dispatchCall), and the studio's events forwarded to the window. Returns the function that undoes it.
 */
export function registerStudioIpc(studio: Studio, window: BrowserWindow, log: (line: string) => void): () => void {
  const contents = window.webContents;
  // Why: only our own window's top frame, showing our own app:// page, may call the API; a navigated,
  // framed or foreign page (or another window) is refused.
  const fromOurWindow = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return event.sender.id === contents.id && frame !== null && frame === contents.mainFrame && new URL(frame.url).origin === APP_ORIGIN;
  };
  for (const method of ALLOWED_METHODS) {
    ipcMain.handle(invokeChannel(method), async (event, input: unknown): Promise<IpcReply> => {
      if (!fromOurWindow(event)) {
        log(`refused ${method} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return { error: { message: 'this page may not use the Studio API', code: 'forbidden' } };
      }
      return dispatchCall(studio.handlers, method, input, log);
    });
  }
  const unsubscribe = studio.events.subscribe((message) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    for (const method of ALLOWED_METHODS) ipcMain.removeHandler(invokeChannel(method));
  };
}
