import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { SECURITY_HEADERS, studioCsp } from '../../runtime/server/csp';
import { NOT_BUILT_PAGE, resolveStatic } from '../../runtime/server/static-files';

/** The renderer's origin in Electron: a privileged custom scheme, not file:// (which would expose the disk). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://studio';
/** The page the window loads. */
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready: makes `app://` a standard, secure origin (like https) for fetch and workers. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves `app://studio/...` from the built renderer with the same CSP and headers as the browser
 * studio. Only files under `rendererDir` are reachable (resolveStatic refuses `..` and dotfiles).
 */
export function serveRenderer(rendererDir: string): void {
  const headers = { ...SECURITY_HEADERS, 'Content-Security-Policy': studioCsp() };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.origin !== APP_ORIGIN) return new Response('not found', { status: 404, headers });
    const resolved = await resolveStatic(rendererDir, url.pathname);
    if (resolved) return new Response(await readFile(resolved.file), { headers: { ...headers, 'Content-Type': resolved.type } });
    if (url.pathname === '/' || url.pathname === '/index.html') return new Response(NOT_BUILT_PAGE, { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    return new Response('not found', { status: 404, headers });
  });
}
