import { describe, expect, it } from 'vitest';
import { matchHost } from '../../../runtime/security/host-match';
import { NetworkPolicy, type HostLookup } from '../../../runtime/security/network-policy';

/** A DNS stand-in: names map to fixed answers. */
const fakeDns =
  (table: Record<string, string[]>): HostLookup =>
  async (host) => {
    const answers = table[host];
    if (!answers) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const dns = fakeDns({
  'public.test': ['93.184.216.34'],
  'internal.test': ['10.0.0.5'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'localhost': ['127.0.0.1', '::1'],
  'api.example.com': ['93.184.216.34'],
});

describe('matchHost', () => {
  it('matches exact names and *. wildcards (subdomains only)', () => {
    expect(matchHost('example.com', ['Example.COM.'])).toBe('exact');
    expect(matchHost('a.example.com', ['*.example.com'])).toBe('wildcard');
    expect(matchHost('a.b.example.com', ['*.example.com'])).toBe('wildcard');
    expect(matchHost('example.com', ['*.example.com'])).toBeUndefined();
    expect(matchHost('evil-example.com', ['*.example.com'])).toBeUndefined();
    expect(matchHost('::1', ['[::1]'])).toBe('exact');
    expect(matchHost('anything.org', ['*'])).toBe('wildcard');
  });
});

describe('NetworkPolicy', () => {
  const policy = (allow_hosts: string[] = [], allow_private = false) => new NetworkPolicy({ allow_hosts, allow_private }, { lookup: dns });

  it('refuses non-http schemes and bad URLs', () => {
    expect(() => policy().checkUrl('file:///etc/passwd')).toThrow("http: only http and https URLs are allowed, got 'file:' in 'file:///etc/passwd'");
    expect(() => policy().checkUrl('ftp://x.test/')).toThrow("got 'ftp:'");
    expect(() => policy().checkUrl('not a url')).toThrow("http: 'not a url' is not a valid URL");
  });

  it('returns the checked address of a public host', async () => {
    const target = await policy().resolve('https://public.test/path?q=1');
    expect(target).toMatchObject({ host: 'public.test', address: '93.184.216.34', family: 4 });
  });

  it('refuses private answers, and names with any private answer', async () => {
    await expect(policy().resolve('http://internal.test/')).rejects.toThrow(
      "http: host 'internal.test' resolves to 10.0.0.5, which is a private address; set network.allow_private or list the host in network.allow_hosts to allow it",
    );
    await expect(policy().resolve('http://mixed.test/')).rejects.toThrow("resolves to 127.0.0.1, which is a loopback address");
    await expect(policy().resolve('http://127.0.0.1:8080/')).rejects.toThrow('http: address 127.0.0.1 is a loopback address; set network.allow_private');
    await expect(policy().resolve('http://[::ffff:169.254.169.254]/')).rejects.toThrow('is a link-local address');
    await expect(policy().resolve('http://[::ffff:0:7f00:1]/')).rejects.toThrow('is a loopback address');
    await expect(policy().resolve('http://2130706433/')).rejects.toThrow('http: address 127.0.0.1 is a loopback address');
    await expect(policy().resolve('http://0/')).rejects.toThrow('http: address 0.0.0.0 is an unspecified address');
  });

  it('allows private addresses with allow_private or an exact allow_hosts entry, not a wildcard', async () => {
    expect((await policy([], true).resolve('http://internal.test/')).address).toBe('10.0.0.5');
    expect((await policy(['localhost']).resolve('http://localhost:9/')).address).toBe('127.0.0.1');
    expect((await policy(['127.0.0.1']).resolve('http://127.0.0.1:9/')).address).toBe('127.0.0.1');
    await expect(policy(['*.test']).resolve('http://internal.test/')).rejects.toThrow('is a private address');
  });

  it('enforces allow_hosts', async () => {
    const p = policy(['*.example.com']);
    expect((await p.resolve('https://api.example.com/')).host).toBe('api.example.com');
    await expect(p.resolve('https://public.test/')).rejects.toThrow("http: host 'public.test' is not in network.allow_hosts");
  });

  it('reports DNS failures', async () => {
    await expect(policy().resolve('http://nowhere.test/')).rejects.toThrow("http: cannot resolve host 'nowhere.test' (ENOTFOUND)");
  });
});
