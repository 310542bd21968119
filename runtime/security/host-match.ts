/**
 * Host names as the network policy compares them, and `network.allow_hosts` patterns: an exact name
 * or IP address, `*.example.com` (any subdomain, not example.com itself), or `*` (any host).
 */

/** Lowercased, without IPv6 brackets or a trailing dot: `[::1]` → `::1`, `Example.com.` → `example.com`. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/** How an allow list admits a host: by an exact entry, by a wildcard, or not at all. */
export type HostMatch = 'exact' | 'wildcard' | undefined;

/** Matches a normalized host against allow-list entries. */
export function matchHost(host: string, entries: readonly string[]): HostMatch {
  let result: HostMatch;
  for (const raw of entries) {
    const entry = normalizeHost(raw);
    if (entry === host) return 'exact';
    if (entry === '*') result = 'wildcard';
    // the dot before the suffix matters: '*.example.com' must not admit 'evil-example.com'
    else if (entry.startsWith('*.') && host.endsWith(entry.slice(1)) && host.length > entry.length - 1) result = 'wildcard';
  }
  return result;
}
