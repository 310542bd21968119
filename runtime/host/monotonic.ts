/**
 * Milliseconds on a monotonic clock, as `performance.now()` counts them but from another origin. The
 * engine process's clock: its first read of the global `performance` loads Node's perf_hooks modules,
 * ≈ 7 ms at the start of every run (its V8 flags make Node compile its own modules without their
 * code cache); process.hrtime is there from Node's boot.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
