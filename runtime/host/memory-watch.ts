import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpuMsOfStat } from './cpu-meter';

/** Node, V8 and the wasm heap's own reserve, on top of what the Lua allocator may hold. */
const PROCESS_OVERHEAD_BYTES = 192 * 2 ** 20;
const POLL_MS = 200;

/**
 * The process-level backstops: polls the engine process (Linux /proc) and calls `onExceeded` once
 * its resident size passes the run's limit plus the runtime's own overhead. The VM's allocator cap
 * is the first line; this catches what it cannot see (host-side buffers, a wasm bug).
 *
 * With `onCpu`, the same poll also reads the process's CPU time and hands over the milliseconds used
 * since the previous sample (the first sample is the baseline: a pooled process's own start-up is
 * not the spell's); `onCpu` returns true to stop watching (the run is being ended).
 *
 * Returns the stop. `finalCpu`: charge what the process used since the last poll first (read at
 * once, while it still exists): without it a spell's last fraction of a poll went uncharged, and a
 * tree of short runs could spend well past its shared limit.
 */
export function watchMemory(
  pid: number | undefined,
  limitBytes: number,
  onExceeded: (rss: number) => void,
  onCpu?: (deltaMs: number) => boolean,
): (options?: { finalCpu?: boolean }) => void {
  if (pid === undefined || process.platform !== 'linux') return () => {};
  const ceiling = limitBytes + PROCESS_OVERHEAD_BYTES;
  let stopped = false;
  let lastCpu: number | undefined;
  const finish = () => {
    stopped = true;
    clearInterval(timer);
  };
  const chargeCpu = (text: string) => {
    const cpu = cpuMsOfStat(text);
    if (stopped || cpu === undefined) return;
    const delta = lastCpu === undefined ? undefined : cpu - lastCpu;
    lastCpu = cpu;
    // Charged even when idle: another process of the tree may have spent the shared budget.
    if (delta !== undefined && onCpu?.(delta)) finish();
  };
  const sampleCpu = () => readFile(`/proc/${pid}/stat`, 'utf8').then(chargeCpu, () => {});
  const timer = setInterval(() => {
    if (onCpu) void sampleCpu();
    readFile(`/proc/${pid}/statm`, 'utf8').then(
      (text) => {
        const rss = Number(text.split(' ')[1]) * 4096;
        if (!stopped && rss > ceiling) {
          finish();
          onExceeded(rss);
        }
      },
      () => {}, // the process is gone; its exit is reported elsewhere
    );
  }, POLL_MS);
  timer.unref();
  if (onCpu) void sampleCpu(); // the baseline
  return (options = {}) => {
    if (options.finalCpu && onCpu && !stopped) {
      try {
        chargeCpu(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        // gone already: its exit is reported elsewhere
      }
    }
    finish();
  };
}
