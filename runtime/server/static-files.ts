import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** `renderer/dist` of this package, found from wherever the running code sits (dist/ bundle or sources). */
export function defaultRendererDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (dir !== path.dirname(dir) && !existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'renderer', 'dist');
}

/** The page served when the renderer has not been built. */
export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>llmspell studio</title></head>
<body><h1>llmspell studio</h1>
<p>The studio's renderer is not built yet. Run <code>npm run build:renderer</code>, then reload this page.</p></body></html>
`;

/**
 * Resolves a request path to a file under `root`, or undefined: `..`, hidden segments and anything
 * outside the folder are refused; `/` is index.html.
 */
export async function resolveStatic(root: string, pathname: string): Promise<{ file: string; type: string } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').filter(Boolean);
  // Why: only plain names; `..` or dotfiles could reach outside the build or private files.
  if (segments.some((s) => s === '..' || s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return undefined;
  let file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) file = path.join(file, 'index.html');
  else if (!info?.isFile()) return undefined;
  if (!(await stat(file).catch(() => undefined))?.isFile()) return undefined;
  return { file, type: TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** Sends a resolved file; hashed assets may be cached by the browser, pages never are. */
export async function sendFile(res: ServerResponse, resolved: { file: string; type: string }, head: boolean): Promise<void> {
  const body = await readFile(resolved.file);
  const immutable = /[\\/]assets[\\/]/.test(resolved.file);
  res.writeHead(200, {
    'Content-Type': resolved.type,
    'Content-Length': body.length,
    'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-store',
  });
  res.end(head ? undefined : body);
}
