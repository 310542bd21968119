/** Human-readable byte counts for limit messages ("12 MB, over the 10 MB limit"). */

const KB = 1024;
const MB = 1024 * 1024;

/** `n` bytes as `512 bytes`, `3.5 KB` or `12 MB` (one decimal at most). */
export function formatBytes(n: number): string {
  const round = (x: number) => String(Math.round(x * 10) / 10);
  if (n >= MB) return `${round(n / MB)} MB`;
  if (n >= KB) return `${round(n / KB)} KB`;
  return n === 1 ? '1 byte' : `${n} bytes`;
}

/**
 * "`size`, over the `limit` limit", in units that tell the two apart: when rounding would print the
 * same figure twice ("10 MB, over the 10 MB limit"), both are given in bytes.
 */
export function overLimit(size: number, limit: number): string {
  const [a, b] = [formatBytes(size), formatBytes(limit)];
  return a === b ? `${size} bytes, over the ${limit}-byte limit` : `${a}, over the ${b} limit`;
}
