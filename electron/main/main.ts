import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { llmspellHome, loadConfig } from '../../runtime/config';
import { Supervisor } from '../../runtime/host/supervisor';
import { createStudio, type Studio } from '../../runtime/studio/create-studio';
import { FileSecretStore } from '../../runtime/studio/secret-store';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { denyPermissions, hardenApp } from './hardening';
import { registerStudioIpc } from './ipc';
import { safeStorageCodec } from './safe-storage-codec';
import { UtilityProcessTransport } from './utility-transport';
import { createStudioWindow } from './window';

/**
 * Electron main: app lifecycle, one hardened window, the Studio API over IPC, engine processes as
 * utility processes. Bundled to dist/electron/main.js (scripts/build-electron.mjs), preload beside it.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`llmspell studio: ${line}\n`);

registerAppScheme();
// Why: every renderer is sandboxed, whatever a future window's options say.
app.enableSandbox();
hardenApp();

let running: { studio: Studio; supervisor: Supervisor } | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.whenReady().then(start, (error: unknown) => {
    log(`could not start: ${String(error)}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  serveRenderer(path.join(app.getAppPath(), 'renderer', 'dist'));
  const home = llmspellHome(process.env);
  const cwd = process.cwd();
  const codec = safeStorageCodec();
  if (!codec) log('no OS keychain available: API keys are kept in a file only you can read ($LLMSPELL_HOME/secrets.json)');
  const secrets = await FileSecretStore.open(path.join(home, codec ? 'secrets.enc.json' : 'secrets.json'), codec);
  const poolSize = loadConfig({ cwd, env: process.env, home }).config.pool.size;
  const supervisor = new Supervisor({ transport: new UtilityProcessTransport(), poolSize });
  const studio = createStudio({ home, cwd, env: process.env, supervisor, secrets, log });
  running = { studio, supervisor };
  const window = createStudioWindow(path.join(here, 'preload.cjs'));
  const unregister = registerStudioIpc(studio, window, log);
  window.on('closed', unregister);
}

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !running) return;
  // Stop every run and engine process (and flush history) before the app goes.
  event.preventDefault();
  quitting = true;
  const { studio, supervisor } = running;
  void studio
    .close()
    .then(() => supervisor.close())
    .finally(() => app.quit());
});
