import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpHandlers } from '../../../runtime/bridges/http';
import { createStdlibServices } from '../../../runtime/bridges/stdlib-services';
import type { NetworkSettings } from '../../../runtime/security/network-policy';
import { bridgeContext, callHandler } from '../../helpers/bridge-context';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-test-server';

let server: TestHttpServer;
beforeAll(async () => {
  server = await startHttpServer();
});
afterAll(() => server.close());

type Response = { status: number; body: string; headers: Record<string, string>; url: string };

function context(network: Partial<NetworkSettings> = {}, options: { signal?: AbortSignal; maxResponseBytes?: number; dns?: Record<string, string> } = {}) {
  const lookup = async (host: string) => {
    const address = options.dns?.[host];
    if (!address) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return [{ address, family: 4 }];
  };
  const services = createStdlibServices({
    home: '/nonexistent',
    owner: { name: 'test' },
    storage: { max_bytes: 1, extensions: ['.txt'] },
    network: { allow_hosts: [], allow_private: false, ...network },
    networkOptions: { lookup, maxResponseBytes: options.maxResponseBytes },
  });
  return bridgeContext({ ...services }, options.signal).ctx;
}
const open = (extra: Parameters<typeof context>[1] = {}) => context({ allow_private: true }, extra);
const call = (method: string, args: unknown[], ctx = open()) => callHandler(httpHandlers, method, args, ctx) as Promise<Response>;

describe('http bridge: policy', () => {
  it('refuses loopback unless allowed', async () => {
    await expect(call('http.get', [`${server.url}/hello`], context())).rejects.toThrow(
      'http: address 127.0.0.1 is a loopback address; set network.allow_private or list the host in network.allow_hosts to allow it',
    );
    expect(server.hits).not.toContain('/hello');
  });

  it('reaches a local server with allow_private, or with the host listed exactly', async () => {
    const res = await call('http.get', [`${server.url}/hello`]);
    expect(res).toMatchObject({ status: 200, body: 'hello world', url: `${server.url}/hello` });
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['x-test']).toBe('yes');
    expect(res.headers['set-cookie']).toBe('a=1, b=2');
    expect((await call('http.get', [`${server.url}/hello`], context({ allow_hosts: ['127.0.0.1'] }))).status).toBe(200);
  });

  it('matches allow_hosts wildcards, and connects to the address it checked (pinned, no second lookup)', async () => {
    const ctx = context({ allow_hosts: ['*.example.test'], allow_private: true }, { dns: { 'api.example.test': '127.0.0.1' } });
    const res = await call('http.get', [`http://api.example.test:${server.port}/echo`], ctx);
    expect(JSON.parse(res.body).headers.host).toBe(`api.example.test:${server.port}`);
    await expect(call('http.get', [`${server.url}/hello`], ctx)).rejects.toThrow("http: host '127.0.0.1' is not in network.allow_hosts");
  });

  it('refuses non-http schemes', async () => {
    await expect(call('http.get', ['file:///etc/passwd'])).rejects.toThrow("http: only http and https URLs are allowed, got 'file:'");
  });

  it('re-checks the policy on every redirect', async () => {
    const ctx = context({ allow_hosts: ['localhost'] }, { dns: { localhost: '127.0.0.1' } });
    const local = `http://localhost:${server.port}`;
    await expect(call('http.get', [`${local}/redirect?to=${encodeURIComponent(`${server.url}/hello`)}`], ctx)).rejects.toThrow(
      "http: host '127.0.0.1' is not in network.allow_hosts",
    );
    await expect(call('http.get', [`${server.url}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`])).rejects.toThrow("got 'file:'");
  });
});

describe('http bridge: requests', () => {
  it('sends method, headers and body; table bodies as JSON', async () => {
    const res = await call('http.request', [{ url: `${server.url}/echo`, method: 'put', headers: { 'X-Key': 'k1' }, body: 'raw text' }]);
    expect(JSON.parse(res.body)).toMatchObject({ method: 'PUT', body: 'raw text', headers: { 'x-key': 'k1', 'content-type': 'text/plain; charset=utf-8' } });
    const posted = await call('http.post', [`${server.url}/echo`, { a: 1 }]);
    expect(JSON.parse(posted.body)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    const typed = await call('http.post', [`${server.url}/echo`, 'a=1', 'application/x-www-form-urlencoded']);
    expect(JSON.parse(typed.body).headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('returns non-2xx statuses as responses', async () => {
    expect(await call('http.get', [`${server.url}/status?code=418`])).toMatchObject({ status: 418, body: 'status 418' });
  });

  it('follows up to 5 redirects, then refuses', async () => {
    expect(await call('http.get', [`${server.url}/chain?n=5`])).toMatchObject({ status: 200, body: 'end of chain', url: `${server.url}/chain?n=0` });
    await expect(call('http.get', [`${server.url}/chain?n=6`])).rejects.toThrow(`http: too many redirects (more than 5), the last one from '${server.url}/chain?n=1'`);
  });

  it('turns a POST into a GET on 303 and drops credentials across origins', async () => {
    const to = encodeURIComponent(`http://localhost:${server.port}/echo`);
    const ctx = context({ allow_private: true }, { dns: { localhost: '127.0.0.1' } });
    const res = await call('http.request', [{ url: `${server.url}/redirect?code=303&to=${to}`, method: 'POST', body: 'x', headers: { authorization: 'Bearer s3cret' } }], ctx);
    const echoed = JSON.parse(res.body);
    expect(echoed.method).toBe('GET');
    expect(echoed.body).toBe('');
    expect(echoed.headers.authorization).toBeUndefined();
  });

  it('caps the response body, including decompressed bodies', async () => {
    const small = open({ maxResponseBytes: 1000 });
    await expect(call('http.get', [`${server.url}/big?bytes=1001`], small)).rejects.toThrow("http: response from '127.0.0.1' is over the 1000 bytes limit");
    await expect(call('http.get', [`${server.url}/big-chunked?bytes=300000`], small)).rejects.toThrow('is over the 1000 bytes limit');
    await expect(call('http.get', [`${server.url}/gzip?bytes=5000`], small)).rejects.toThrow('is over the 1000 bytes limit');
    expect((await call('http.get', [`${server.url}/gzip?bytes=500`], small)).body).toBe('z'.repeat(500));
    await expect(call('http.get', [`${server.url}/big?bytes=${5 * 1024 * 1024 + 1}`])).rejects.toThrow("http: response from '127.0.0.1' is over the 5 MB limit");
  });

  it('times out', async () => {
    await expect(call('http.get', [`${server.url}/slow?ms=2000`, { timeout: 0.2 }])).rejects.toThrow("http: request to '127.0.0.1' timed out after 0.2 s");
  });

  it('stops when ctx.signal aborts', async () => {
    const controller = new AbortController();
    const pending = call('http.get', [`${server.url}/slow?ms=2000`], open({ signal: controller.signal }));
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toThrow("http: request to '127.0.0.1' was cancelled");
  });

  it('reports connection failures', async () => {
    await expect(call('http.get', ['http://127.0.0.1:1/'])).rejects.toThrow("http: request to '127.0.0.1' failed (ECONNREFUSED)");
  });

  it('checks arguments and headers', async () => {
    await expect(call('http.get', [42])).rejects.toThrow('http.get: url must be a URL string, got number');
    await expect(call('http.request', [{ url: server.url, method: 'BREW' }])).rejects.toThrow("http.request: request.method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got 'BREW'");
    await expect(call('http.request', [{ url: server.url, timeout: 500 }])).rejects.toThrow('http.request: request.timeout must be a number of seconds up to 120, got 500');
    await expect(call('http.request', [{ url: server.url, colour: 'red' }])).rejects.toThrow("http.request: request has unknown field 'colour'");
    await expect(call('http.request', [{ url: server.url, headers: { Host: 'evil.test' } }])).rejects.toThrow("http: header 'Host' cannot be set by a spell");
    await expect(call('http.request', [{ url: server.url, headers: { 'X-A': 'a\r\nX-B: b' } }])).rejects.toThrow("http: header 'X-A' has a line break or NUL in its value");
  });
});
