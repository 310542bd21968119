import { Worker } from 'node:worker_threads';

/**
 * Interrupts a VM that is busy in a loop, without a per-instruction hook. The engine process's main
 * thread runs the spell and cannot see its own timers while the VM is busy, so a small thread keeps
 * the deadline: when it passes, the thread connects to the main thread's inspector and evaluates
 * `globalThis.__llmspellInterrupt()`, which V8 runs at the VM's next interrupt check (wasm loops have
 * them). The engine then arms its hook and the spell fails with its line; if that does not happen in
 * time, the supervisor's kill ends the process anyway (the sticky backstop a spell cannot catch).
 * No port is opened: this is the in-process inspector session API.
 */
export class Watchdog {
  private worker: Worker | undefined;

  /** Starts the thread (≈ 2 ms on this thread, the rest of its boot on another core). */
  start(): void {
    if (this.worker) return;
    // A script worker (eval) boots faster than a module one; the source is the function below.
    this.worker = new Worker(`(${watchdogThread.toString()})()`, {
      eval: true,
      stdout: false,
      stderr: false,
      resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2, stackSizeMb: 1 },
    });
    this.worker.on('error', () => {}); // the supervisor's kill remains the backstop
    this.worker.unref();
  }

  /** Calls `onDeadline` on this thread at `at` (Date.now() clock), even while a VM is busy. */
  arm(at: number, onDeadline: () => void): void {
    this.start();
    (globalThis as { __llmspellInterrupt?: () => void }).__llmspellInterrupt = onDeadline;
    this.worker!.postMessage(at);
  }
}

/** The watchdog thread's code; runs as its own script, so it may use nothing from this module. */
function watchdogThread(): void {
  const { parentPort } = process.getBuiltinModule('node:worker_threads');
  const { Session } = process.getBuiltinModule('node:inspector');
  let timer: ReturnType<typeof setTimeout> | undefined;
  parentPort?.on('message', (at: number) => {
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        const session = new Session();
        session.connectToMainThread();
        session.post('Runtime.evaluate', { expression: 'globalThis.__llmspellInterrupt?.()' }, () => session.disconnect());
      },
      Math.max(0, at - Date.now()),
    );
  });
}
