import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempWorkspace } from '../helpers/cli';
import { isAlive } from '../helpers/processes';
import { startStudio, StudioTestClient, type StudioProcess } from '../helpers/studio';

const ws = tempWorkspace('llmspell-studio-server-');
let studio: StudioProcess;

beforeAll(async () => {
  mkdirSync(path.join(ws.dir, 'project', 'spells'), { recursive: true });
  studio = await startStudio({ home: path.join(ws.dir, 'home'), cwd: path.join(ws.dir, 'project') });
});

afterAll(async () => {
  const pid = studio.child.pid!;
  await studio.stop();
  expect(isAlive(pid)).toBe(false);
  ws.cleanup();
});

/** A raw HTTP GET with any headers (fetch would refuse to set Host). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: studio.port, path: pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Tries a WebSocket upgrade; resolves with the HTTP status it was refused with, or 101. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', () => resolve(-1));
  });
}

describe('llmspell studio: the server', () => {
  it('prints exactly one line, the URL with its token, on 127.0.0.1', () => {
    expect(studio.stdout()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}\n$/);
  });

  it('refuses every HTTP request without the token, with a wrong token, or for another host', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/index.html')).status).toBe(401);
    expect((await get('/assets/x.js')).status).toBe(401);
    expect((await get(`/?token=${'A'.repeat(43)}`)).status).toBe(401);
    expect((await get(`/?token=${studio.token}`, { Host: `evil.example:${studio.port}` })).status).toBe(421);
  });

  it('serves the page with the token, a strict CSP and a cookie for the page’s own requests', async () => {
    const page = await get(`/?token=${studio.token}`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // The cookie alone authenticates later requests; a path escaping the build is not found.
    const cookieHeader = cookie.split(';')[0]!;
    expect((await get('/', { Cookie: cookieHeader })).status).toBe(200);
    expect((await get('/%2e%2e/package.json', { Cookie: cookieHeader })).status).toBe(404);
    expect((await get('/../../package.json', { Cookie: cookieHeader })).status).toBe(404);
  });

  it('accepts a WebSocket only with the token and our own origin', async () => {
    const base = `ws://127.0.0.1:${studio.port}/ws`;
    expect(await upgrade(base, { Origin: studio.origin })).toBe(403);
    expect(await upgrade(`${base}?token=wrong`, { Origin: studio.origin })).toBe(403);
    expect(await upgrade(`${base}?token=${studio.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(`${base}?token=${studio.token}`, { Origin: `http://127.0.0.1:${studio.port + 1}` })).toBe(403);
    expect(await upgrade(`${base}?token=${studio.token}`, {})).toBe(403);
    expect(await upgrade(`${base}?token=${studio.token}`, { Origin: studio.origin })).toBe(101);
    expect(await upgrade(base, { Origin: studio.origin, Cookie: `llmspell_studio_${studio.port}=${studio.token}` })).toBe(101);
  });

  it('answers malformed messages with errors naming the problem, and keeps serving', async () => {
    const client = await StudioTestClient.connect(studio);
    expect(await client.sendText('not json')).toMatchObject({ id: null, error: { code: 'bad_request' } });
    expect(await client.sendText('[1,2]')).toMatchObject({ id: null, error: { code: 'bad_request' } });
    expect(await client.sendText('{"method":"library.list"}')).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('id') } });
    await expect(client.send({ method: 'nope.nothing', params: {} })).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(client.send({ method: 'constructor', params: {} })).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(client.send({ method: 'files.save', params: { path: 3, file: 'main.lua', content: '' } })).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/^files\.save: path: expected string/),
    });
    await expect(client.send({ method: 'runs.start', params: 'x' })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(client.send({ method: 'library.open', params: { path: 'relative/spell' } })).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('path') });
    // Still alive and answering.
    expect(await client.call('library.list', {})).toEqual([]);
    await client.close();
  });
});
