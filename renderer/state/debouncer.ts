/** Runs the latest function given for a key once `ms` pass without another; can run them early. */
export interface Debouncer {
  schedule(key: string, ms: number, fn: () => void): void;
  /** Runs pending functions now (all, or one key's). */
  flush(key?: string): void;
  cancel(key: string): void;
  pending(key: string): boolean;
}

/** A keyed debouncer over setTimeout. */
export function createDebouncer(): Debouncer {
  const jobs = new Map<string, { timer: ReturnType<typeof setTimeout>; fn: () => void }>();
  const run = (key: string) => {
    const job = jobs.get(key);
    if (!job) return;
    clearTimeout(job.timer);
    jobs.delete(key);
    job.fn();
  };
  return {
    schedule(key, ms, fn) {
      const old = jobs.get(key);
      if (old) clearTimeout(old.timer);
      jobs.set(key, { fn, timer: setTimeout(() => run(key), ms) });
    },
    flush(key) {
      for (const k of key === undefined ? [...jobs.keys()] : [key]) run(k);
    },
    cancel(key) {
      const job = jobs.get(key);
      if (job) clearTimeout(job.timer);
      jobs.delete(key);
    },
    pending: (key) => jobs.has(key),
  };
}
