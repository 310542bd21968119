/**
 * Milliseconds on a monotonic clock, as `performance.now()` counts them but from another origin: the
 * clock of the engine process and of the host's run path. The first read of the global `performance`
 * loads Node's perf_hooks modules, ≈ 7 ms at the start of every run in an engine process (its V8 flags
 * make Node compile its own modules without their code cache) and ≈ 4 ms in `llmspell run` (which
 * sets a V8 flag too); process.hrtime is there from Node's boot.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
