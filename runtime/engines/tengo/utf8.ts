/**
 * Tengo strings are Go strings: UTF-8 bytes. We keep JS strings and measure or cut them in UTF-8
 * terms where Tengo does (`len`, slices); pure-ASCII strings, the common case, take the fast path.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const NON_ASCII = /[^\x00-\x7f]/;

export const isAscii = (s: string): boolean => !NON_ASCII.test(s);

export function byteLength(s: string): number {
  if (s.length < 64 ? isAscii(s) : false) return s.length;
  return Buffer.byteLength(s, 'utf8');
}

export const toBytes = (s: string): Uint8Array => encoder.encode(s);
export const fromBytes = (b: Uint8Array): string => decoder.decode(b);

/** Code points of a string, for rune indexing and iteration. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** `s[lo:hi]` in bytes, like Go. */
export function sliceBytes(s: string, lo: number, hi: number): string {
  if (isAscii(s)) return s.slice(lo, hi);
  return decoder.decode(encoder.encode(s).subarray(lo, hi));
}
