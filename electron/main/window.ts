import { BrowserWindow } from 'electron';
import { APP_URL } from './app-protocol';

/**
 * The one studio window, hardened: the page runs sandboxed with context isolation and no Node, and
 * reaches the host only through the preload's contract-derived `api`.
 */
export function createStudioWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'llmspell studio',
    webPreferences: {
      preload,
      // Why: the page's JavaScript and the preload live in separate worlds; only `api` crosses.
      contextIsolation: true,
      // Why: the renderer process runs in Chromium's sandbox (no Node, limited OS access).
      sandbox: true,
      // Why: page code never gets require() or process.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Why: same-origin policy and CSP stay on; no mixed content.
      webSecurity: true,
      allowRunningInsecureContent: false,
      // Why: no <webview> tags, no dropping a file that navigates the window.
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}
