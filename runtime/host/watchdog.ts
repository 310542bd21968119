import type { Worker } from 'node:worker_threads';

/** Shared with the watchdog thread: [0] 1 while output waits to be sent, [1] how many flushes so far. */
const PENDING = 0;
const FLUSHES = 1;
/** How often the thread looks at pending output while a run is on (the outbox's own delay is 20 ms). */
const OUTPUT_TICK_MS = 25;

interface Hooks {
  __llmspellInterrupt?: () => void;
  __llmspellFlush?: () => void;
}

/**
 * Reaches into a VM that is busy in a loop, without a per-instruction hook. The engine process's main
 * thread runs the spell and cannot see its own timers while the VM is busy, so a small thread does
 * two things for it, through the main thread's inspector (`Runtime.evaluate`, which V8 runs at the
 * VM's next interrupt check; wasm loops have them):
 * - at the deadline it calls `globalThis.__llmspellInterrupt()`: the engine arms its hook and the
 *   spell fails with its line (if that does not happen in time, the supervisor's kill ends the
 *   process anyway: the sticky backstop a spell cannot catch);
 * - when output has waited a tick while the main thread is busy, it calls `__llmspellFlush()`, so a
 *   computing spell's prints still reach the host as they are made.
 * No port is opened: this is the in-process inspector session API.
 */
export class Watchdog {
  private worker: Worker | undefined;
  private readonly flags = new Int32Array(new SharedArrayBuffer(8));

  /** The armed deadline, handed to the thread once it runs. */
  private deadline: number | undefined;

  /** Starts the thread (≈ 2 ms on this thread, the rest of its boot on another core). */
  start(): void {
    if (this.worker) return;
    // A script worker (eval) boots faster than a module one; the source is the function below. Its
    // module loads here, not with the engine: most spells never start the thread.
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    this.worker = new Worker(`(${watchdogThread.toString()})()`, {
      eval: true,
      workerData: { flags: this.flags.buffer, tickMs: OUTPUT_TICK_MS },
      stdout: false,
      stderr: false,
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2, stackSizeMb: 1 },
    });
    this.worker.on('error', () => {}); // the supervisor's kill remains the backstop
    this.worker.unref();
    if (this.deadline !== undefined) this.worker.postMessage(this.deadline);
  }

  /**
   * Calls `onDeadline` on this thread at `at` (Date.now() clock), even while a VM is busy, and from
   * now on `flush` whenever output stays pending (see outputPending) while this thread is busy.
   * `deferStart`: the thread starts only with start() (the engine's: when the spell's first
   * instruction is next, so its boot does not compete with the run's start).
   */
  arm(at: number, onDeadline: () => void, flush?: () => void, options: { deferStart?: boolean } = {}): void {
    const hooks = globalThis as Hooks;
    hooks.__llmspellInterrupt = onDeadline;
    if (flush) hooks.__llmspellFlush = flush;
    this.deadline = at;
    if (this.worker) this.worker.postMessage(at);
    else if (!options.deferStart) this.start();
  }

  /** Output is waiting to be sent. */
  outputPending(): void {
    Atomics.store(this.flags, PENDING, 1);
  }

  /** Waiting output was sent. */
  outputFlushed(): void {
    Atomics.store(this.flags, PENDING, 0);
    Atomics.add(this.flags, FLUSHES, 1);
  }
}

/** The watchdog thread's code; runs as its own script, so it may use nothing from this module. */
function watchdogThread(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const { Session } = process.getBuiltinModule('node:inspector');
  const { flags: buffer, tickMs } = workerData as { flags: SharedArrayBuffer; tickMs: number };
  const flags = new Int32Array(buffer);
  let session: InstanceType<typeof Session> | undefined;
  const evaluate = (expression: string): void => {
    if (!session) {
      session = new Session();
      session.connectToMainThread();
    }
    session.post('Runtime.evaluate', { expression });
  };
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let lastFlushes = -1;
  parentPort?.on('message', (at: number) => {
    clearTimeout(deadline);
    deadline = setTimeout(() => evaluate('globalThis.__llmspellInterrupt?.()'), Math.max(0, at - Date.now()));
    // Output pending a whole tick with no flush in between: the main thread is busy, flush from here.
    ticker ??= setInterval(() => {
      const flushes = Atomics.load(flags, 1);
      if (Atomics.load(flags, 0) === 1 && flushes === lastFlushes) evaluate('globalThis.__llmspellFlush?.()');
      lastFlushes = flushes;
    }, tickMs);
  });
}
