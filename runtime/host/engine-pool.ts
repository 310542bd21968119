import type { EngineProcess, EngineSpawnOptions, EngineTransport } from './transport';

/** A started engine process and the promise of its `ready` message. */
export interface PooledEngine {
  process: EngineProcess;
  /** It takes a run (its Lua VM is booted). */
  ready: Promise<void>;
  /** It prepares nothing more while it waits (or it died). */
  settled: Promise<void>;
  exited: boolean;
}

/**
 * Keeps `size` engine processes booted and waiting, so a run skips process start and VM boot. A
 * process leaves the pool for exactly one run and is never returned.
 */
export class EnginePool {
  private readonly idle: PooledEngine[] = [];
  private closed = false;

  constructor(
    private readonly transport: EngineTransport,
    private readonly spawnOptions: () => EngineSpawnOptions,
    private readonly size: number,
    /** False for one-shot hosts (the CLI): start `size` processes once, never replace them. */
    private readonly refills = true,
    prestarted: EngineProcess[] = [],
  ) {
    for (const process of prestarted) this.idle.push(this.adopt(process));
    while (this.idle.length < size) this.idle.push(this.start());
  }

  /**
   * A booted (or booting) process for one run. The replacement is the caller's to ask for, with
   * `refill()`, once the run has started: a process booting meanwhile would take the CPU the run's
   * start needs (≈ 0.3 s of it, on machines with two cores).
   */
  take(): PooledEngine {
    let engine = this.idle.shift();
    while (engine?.exited) engine = this.idle.shift();
    return engine ?? this.start();
  }

  /** Resolves once every idle process has booted and settled (or died trying). */
  async ready(): Promise<void> {
    await Promise.all(this.idle.map((engine) => engine.settled));
  }

  /** Starts processes until `size` wait idle again (nothing for a pool that does not refill). */
  refill(): void {
    if (!this.refills) return;
    while (!this.closed && this.idle.length < this.size) this.idle.push(this.start());
  }

  private start(): PooledEngine {
    return this.adopt(this.transport.spawn(this.spawnOptions()));
  }

  private adopt(process: EngineProcess): PooledEngine {
    const engine: PooledEngine = { process, ready: Promise.resolve(), settled: Promise.resolve(), exited: false };
    let settle!: () => void;
    engine.settled = new Promise<void>((resolve) => (settle = resolve));
    engine.ready = new Promise<void>((resolve, reject) => {
      process.onMessage((message) => {
        const { type, settled } = message as { type?: string; settled?: boolean };
        if (type !== 'ready') return;
        resolve();
        if (settled) settle();
      });
      process.onExit((info) => {
        engine.exited = true;
        settle();
        reject(new Error(`engine process exited before it was ready (${info.signal ?? `code ${info.code}`})`));
      });
    });
    engine.ready.catch(() => {}); // observed by the run that takes it
    return engine;
  }

  /** Kills every idle process and waits until they are gone. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    await Promise.all(
      idle.map(
        (engine) =>
          new Promise<void>((resolve) => {
            if (engine.exited) return resolve();
            engine.process.onExit(() => resolve());
            engine.process.kill('SIGKILL');
          }),
      ),
    );
  }
}
