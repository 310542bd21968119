import { readFile } from 'node:fs/promises';

/** Node, V8 and the wasm heap's own reserve, on top of what the Lua allocator may hold. */
const PROCESS_OVERHEAD_BYTES = 192 * 2 ** 20;
const POLL_MS = 200;

/**
 * The process-level memory backstop: polls the engine process's resident size (Linux /proc) and calls
 * `onExceeded` once it passes the run's limit plus the runtime's own overhead. The VM's allocator cap
 * is the first line; this catches what it cannot see (host-side buffers, a wasm bug).
 */
export function watchMemory(pid: number | undefined, limitBytes: number, onExceeded: (rss: number) => void): () => void {
  if (pid === undefined || process.platform !== 'linux') return () => {};
  const ceiling = limitBytes + PROCESS_OVERHEAD_BYTES;
  let stopped = false;
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/statm`, 'utf8').then(
      (text) => {
        const rss = Number(text.split(' ')[1]) * 4096;
        if (!stopped && rss > ceiling) {
          stopped = true;
          clearInterval(timer);
          onExceeded(rss);
        }
      },
      () => {}, // the process is gone; its exit is reported elsewhere
    );
  }, POLL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
