/**
 * Which IP addresses a spell may not reach by default: loopback, private, link-local, CGNAT,
 * multicast, unspecified, documentation and other special ranges, for IPv4 and IPv6, including IPv6
 * forms that embed an IPv4 address (IPv4-mapped `::ffff:127.0.0.1`, IPv4-compatible, NAT64, 6to4).
 */
import { isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges as [first address as a 32-bit number, prefix length, label]. */
const V4_RANGES: Array<[number, number, string]> = [
  [0x00000000, 8, 'unspecified'], // 0.0.0.0/8 "this network"
  [0x0a000000, 8, 'private'], // 10.0.0.0/8
  [0x64400000, 10, 'shared CGNAT'], // 100.64.0.0/10
  [0x7f000000, 8, 'loopback'], // 127.0.0.0/8
  [0xa9fe0000, 16, 'link-local'], // 169.254.0.0/16 (cloud metadata lives here)
  [0xac100000, 12, 'private'], // 172.16.0.0/12
  [0xc0000000, 24, 'reserved'], // 192.0.0.0/24 IETF protocol assignments
  [0xc0000200, 24, 'documentation'], // 192.0.2.0/24
  [0xc0586300, 24, 'reserved'], // 192.88.99.0/24 6to4 relay
  [0xc0a80000, 16, 'private'], // 192.168.0.0/16
  [0xc6120000, 15, 'benchmarking'], // 198.18.0.0/15
  [0xc6336400, 24, 'documentation'], // 198.51.100.0/24
  [0xcb007100, 24, 'documentation'], // 203.0.113.0/24
  [0xe0000000, 4, 'multicast'], // 224.0.0.0/4
  [0xf0000000, 4, 'reserved'], // 240.0.0.0/4, with 255.255.255.255 broadcast
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyV4(value: number): string | undefined {
  for (const [base, bits, label] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((value & mask) >>> 0) === base) return label;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part is converted). */
function v6Groups(ip: string): number[] {
  let text = ip.split('%')[0] ?? ''; // drop a zone id (fe80::1%eth0)
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = v4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const a = parse(head);
  const b = tail === undefined ? [] : parse(tail);
  return [...a, ...new Array<number>(8 - a.length - b.length).fill(0), ...b];
}

function classifyV6(ip: string): string | undefined {
  const g = v6Groups(ip);
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = (hi: number, lo: number) => classifyV4(((hi << 16) >>> 0) + lo);
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g7 === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) reach the embedded IPv4 address
  if (zeroUpTo(5) && (g5 === 0xffff || g5 === 0)) return embedded(g6, g7);
  // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765 SIIT) also reaches the embedded address
  if (zeroUpTo(4) && g.at(4) === 0xffff && g5 === 0) return embedded(g6, g7);
  // 64:ff9b::a.b.c.d (NAT64) translates to the embedded address
  if (g0 === 0x64 && g1 === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embedded(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b) return 'reserved'; // 64:ff9b:1::/48 local-use NAT64
  if (g0 === 0x2002) return embedded(g1, g.at(2) ?? 0); // 6to4 embeds a.b.c.d in groups 1-2
  if (g0 === 0x2001 && g1 === 0) return 'reserved'; // Teredo tunnels
  if (g0 === 0x2001 && g1 === 0xdb8) return 'documentation';
  if (g0 === 0x100 && zeroUpTo(4)) return 'reserved'; // discard-only 100::/64
  if ((g0 & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return undefined;
}

/**
 * The kind of non-public range `ip` belongs to (`loopback`, `private`, `link-local`, ...), or
 * undefined for a public address. Anything that is not a valid IP address counts as `invalid`.
 */
export function specialRange(ip: string): string | undefined {
  if (isIPv4(ip)) return classifyV4(v4ToInt(ip));
  if (isIPv6(ip)) return classifyV6(ip);
  return 'invalid';
}
