/**
 * Where the http bridge may connect. A URL must be http(s); when `network.allow_hosts` is set its
 * host must match it; the host is resolved (every address) and private/loopback/link-local/... ranges
 * are refused unless `network.allow_private` is true or the host is listed *exactly* in allow_hosts
 * (naming a host, like `localhost` or `127.0.0.1`, is an explicit grant; a wildcard is not).
 * `resolve` returns the checked address, which the request then connects to (no second DNS lookup).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { matchHost, normalizeHost } from './host-match';
import { specialRange } from './ip-ranges';

/** The `network` section of the configuration. */
export interface NetworkSettings {
  /** Hosts a spell may reach; empty means any public host. */
  allow_hosts: readonly string[];
  /** Whether private, loopback and other non-public addresses may be reached. */
  allow_private: boolean;
}

/** Resolves a host name to all its addresses (dns.lookup by default; tests pass a fake). */
export type HostLookup = (host: string) => Promise<Array<{ address: string; family: number }>>;

/** A URL that passed the policy, with the address to connect to. */
export interface CheckedTarget {
  url: URL;
  /** The host name as compared and used for TLS (no brackets). */
  host: string;
  address: string;
  family: 4 | 6;
}

/** Largest response body by default, in bytes. */
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** The network policy of a run. See the module comment. */
export class NetworkPolicy {
  readonly maxResponseBytes: number;
  private readonly lookup: HostLookup;

  /** The spell manifest's `permissions.network` hosts, when it has a manifest: a second allow-list. */
  private readonly spellHosts: readonly string[] | undefined;

  constructor(
    readonly settings: NetworkSettings,
    options: { lookup?: HostLookup; maxResponseBytes?: number; spellHosts?: readonly string[] } = {},
  ) {
    this.lookup = options.lookup ?? systemLookup;
    this.spellHosts = options.spellHosts;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** Parses `raw` and checks its scheme and host name (no DNS yet). */
  checkUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`http: '${raw}' is not a valid URL`);
    }
    // file:, data:, ftp: ... would reach the disk or other protocols
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`http: only http and https URLs are allowed, got '${url.protocol}' in '${raw}'`);
    const host = normalizeHost(url.hostname);
    if (this.settings.allow_hosts.length > 0 && !matchHost(host, this.settings.allow_hosts)) {
      throw new Error(`http: host '${host}' is not in network.allow_hosts`);
    }
    // The spell's own manifest narrows further; it can never widen what the configuration allows.
    if (this.spellHosts && !matchHost(host, this.spellHosts)) {
      throw new Error(`http: host '${host}' is not in the spell's permissions (spell.yaml permissions.network)`);
    }
    return url;
  }

  /** Checks the URL, resolves its host and checks every address; returns the one to connect to. */
  async resolve(raw: string): Promise<CheckedTarget> {
    const url = this.checkUrl(raw);
    const host = normalizeHost(url.hostname);
    let addresses: Array<{ address: string; family: number }>;
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await this.lookup(host);
      } catch (err) {
        throw new Error(`http: cannot resolve host '${host}' (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    const first = addresses[0];
    if (!first) throw new Error(`http: cannot resolve host '${host}' (no addresses)`);
    // every address is checked, not only the one used: a name must not mix public and private answers
    const privateOk = this.settings.allow_private || matchHost(host, this.settings.allow_hosts) === 'exact';
    for (const { address } of addresses) {
      const range = specialRange(address);
      if (range && !privateOk) {
        const what = host === address ? `address ${address}` : `host '${host}' resolves to ${address}, which`;
        const article = /^[aeiou]/.test(range) ? 'an' : 'a';
        throw new Error(`http: ${what} is ${article} ${range} address; set network.allow_private or list the host in network.allow_hosts to allow it`);
      }
    }
    return { url, host, address: first.address, family: first.family === 6 ? 6 : 4 };
  }
}
