/**
 * The host's MCP hub against the real server-everything over stdio: lazy start, one shared
 * connection, cancellation by signal, restart after a crash, close() leaves no process; and the
 * `${NAME}` secrets of env and headers.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs } from '../../../runtime/mcp/mcp-connection';
import { McpHub } from '../../../runtime/mcp/mcp-hub';
import { resolveValues, secretsThenEnv } from '../../../runtime/mcp/mcp-secrets';
import { ROOT } from '../../helpers/cli';
import { isAlive } from '../../helpers/processes';

const EVERYTHING = path.join(ROOT, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const hubs: McpHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function hub(env: Record<string, string> = {}): McpHub {
  const made = new McpHub({ everything: { command: process.execPath, args: [EVERYTHING, 'stdio'], env } }, () => undefined);
  hubs.push(made);
  return made;
}

describe('McpHub', () => {
  it('starts a server on first use, shares it, and stops it on close', async () => {
    const h = hub();
    const server = h.get('everything')!;
    expect(server.state).toBe('idle');
    expect(server.pid).toBeNull();
    const [a, b] = await Promise.all([server.callTool('echo', { message: 'one' }), server.callTool('echo', { message: 'two' })]);
    expect(a.content).toEqual([{ type: 'text', text: 'Echo: one' }]);
    expect(b.content).toEqual([{ type: 'text', text: 'Echo: two' }]);
    const pid = server.pid!;
    expect(isAlive(pid)).toBe(true);
    expect(server.state).toBe('ready');
    await h.close();
    expect(server.state).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
  }, 30_000);

  it('cancels a call when its signal aborts', async () => {
    const server = hub().get('everything')!;
    await server.listTools();
    const controller = new AbortController();
    const started = Date.now();
    const call = server.callTool('trigger-long-running-operation', { duration: 20, steps: 20 }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the run stopped')), 300);
    await expect(call).rejects.toThrow("MCP server 'everything': the call to 'trigger-long-running-operation' was cancelled (the run stopped)");
    expect(Date.now() - started).toBeLessThan(5000);
    // The connection stays usable.
    expect((await server.callTool('get-sum', { a: 1, b: 2 })).content).toEqual([{ type: 'text', text: 'The sum of 1 and 2 is 3.' }]);
  }, 30_000);

  it('reports progress of a long call', async () => {
    const server = hub().get('everything')!;
    const seen: number[] = [];
    await server.callTool('trigger-long-running-operation', { duration: 0.6, steps: 3 }, { onProgress: (progress) => seen.push(progress) });
    // The server may answer before its last notification is read: at least the first two arrive, in order.
    expect(seen.slice(0, 2)).toEqual([1, 2]);
  }, 30_000);

  it('a crash fails the call in flight with a clear error; the server is restarted with backoff', async () => {
    const server = hub().get('everything')!;
    await server.listTools();
    const first = server.pid!;
    const call = server.callTool('trigger-long-running-operation', { duration: 20, steps: 20 });
    setTimeout(() => process.kill(first, 'SIGKILL'), 300);
    await expect(call).rejects.toThrow(/^MCP server 'everything' stopped during the call to 'trigger-long-running-operation'.*; it is restarted for the next call$/);
    expect(server.state).toBe('restarting');
    expect((await server.callTool('echo', { message: 'back' })).content).toEqual([{ type: 'text', text: 'Echo: back' }]);
    expect(server.pid).not.toBe(first);
    expect(server.state).toBe('ready');
  }, 30_000);

  it('passes env to the server, and says which server failed to start', async () => {
    const h = hub({ GREETING: 'hello from the config' });
    const env = await h.get('everything')!.callTool('get-env', {});
    expect(JSON.stringify(env.content)).toContain('hello from the config');
    const broken = new McpHub({ nothing: { command: path.join(ROOT, 'no-such-command') } }, () => undefined);
    hubs.push(broken);
    await expect(broken.get('nothing')!.listTools()).rejects.toThrow(/^MCP server 'nothing': /);
    const [status] = await broken.status(false);
    expect(status).toMatchObject({ name: 'nothing', kind: 'stdio', state: 'failed' });
  }, 30_000);

  it('backs off 0.25 s doubling up to 30 s', () => {
    expect([1, 2, 3, 4, 10, 20].map(backoffMs)).toEqual([250, 500, 1000, 2000, 30_000, 30_000]);
  });
});

describe('MCP secrets', () => {
  it('reads ${NAME} from the secret store, then the environment, and names what is missing', () => {
    const lookup = secretsThenEnv((name) => (name === 'TOKEN' ? 'from-store' : undefined), { TOKEN: 'from-env', OTHER: 'env-only' });
    expect(resolveValues({ Authorization: 'Bearer ${TOKEN}', X: '${OTHER}-x', plain: 'as is' }, lookup, 'mcp.servers.a.headers')).toEqual({
      Authorization: 'Bearer from-store',
      X: 'env-only-x',
      plain: 'as is',
    });
    expect(() => resolveValues({ KEY: '${MISSING}' }, lookup, 'mcp.servers.a.env')).toThrow('mcp.servers.a.env.KEY: no secret or environment variable named MISSING');
  });
});
