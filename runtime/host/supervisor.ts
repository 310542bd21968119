import { randomUUID } from 'node:crypto';
import { RunRequest, type LogLevel, type SpellSource } from '../contract/engine-protocol';
import type { RunLimits } from '../contract/limits';
import { EnginePool } from './engine-pool';
import { engineSpawnOptions } from './engine-spawn-options';
import { NodeForkTransport } from './node-fork-transport';
import { PREPARE_JS_ENV } from './one-shot';
import { RunController, type RunHooks } from './run-controller';
import type { EngineProcess, EngineTransport } from './transport';
import type { RunEvent } from '../contract/run-events';

/** How long a run goes before the pool forks its replacement (sooner when the run ends). */
export const REFILL_AFTER_MS = 1000;

export interface SupervisorOptions {
  /** The carrier; child_process.fork by default, utilityProcess under Electron. */
  transport?: EngineTransport;
  /** Engine processes kept booted and waiting (default 1). */
  poolSize?: number;
  /** Replace pooled processes as runs take them (default true; the one-shot CLI says false). */
  refillPool?: boolean;
  entry?: string;
  /** Processes already started by the caller (the CLI forks one before loading itself). */
  prestarted?: EngineProcess[];
}

export interface RunSpec {
  runId?: string;
  spell: SpellSource;
  spellName: string;
  params: Record<string, unknown>;
  limits: RunLimits;
  logLevel?: LogLevel;
  /** `test` for spell tests (see RunRequest.mode). */
  mode?: 'run' | 'test';
}

/**
 * Starts runs, each in its own engine process taken from a warm pool; tracks them so `close()` leaves
 * no process behind.
 */
export class Supervisor {
  private readonly pool: EnginePool;
  private readonly active = new Set<RunController>();
  private ranJavaScript = false;
  /** Replacements to be forked on the next turn (a run just ended or ran long enough). */
  private readonly refills = new Set<Promise<void>>();

  constructor(options: SupervisorOptions = {}) {
    // A host that does not refill its pool is one-shot (the CLI): its engines prepare nothing extra.
    const spawnOptions = engineSpawnOptions(options.entry, { oneShot: options.refillPool === false });
    // Once this host has run a JavaScript spell, its pooled processes make a QuickJS VM ahead too.
    const withJs = { ...spawnOptions, env: { ...spawnOptions.env, [PREPARE_JS_ENV]: '1' } };
    this.pool = new EnginePool(
      options.transport ?? new NodeForkTransport(),
      () => (this.ranJavaScript ? withJs : spawnOptions),
      options.poolSize ?? 1,
      options.refillPool ?? true,
      options.prestarted ?? [],
    );
  }

  /** Starts a run; the returned controller's `done` resolves with its outcome (it never rejects). */
  run(spec: RunSpec, hooks: RunHooks): RunController {
    const request = RunRequest.parse({
      type: 'run',
      runId: spec.runId ?? randomUUID(),
      spell: spec.spell,
      spellName: spec.spellName,
      params: spec.params,
      limits: spec.limits,
      logLevel: spec.logLevel ?? 'info',
      mode: spec.mode ?? 'run',
    });
    if (spec.spell.engine === 'javascript') this.ranJavaScript = true;
    // The pool's replacement process is forked once this run has ended, or has run for
    // REFILL_AFTER_MS, after the event is out: its boot (~0.2 s of CPU) would otherwise compete with
    // the run's first second, when a spell's output streams to the studio's page (a 100,000-line
    // print loop is over in under a second on two cores).
    let refilled = false;
    let timer: NodeJS.Timeout | undefined;
    const refill = () => {
      if (refilled) return;
      refilled = true;
      clearTimeout(timer);
      const forked = new Promise<void>((resolve) => setImmediate(() => (this.pool.refill(), resolve())));
      this.refills.add(forked);
      void forked.then(() => this.refills.delete(forked));
    };
    const onEvent = (event: RunEvent): void => {
      hooks.onEvent?.(event);
      if (event.type === 'started' && !refilled) timer ??= setTimeout(refill, REFILL_AFTER_MS).unref();
      if (event.type === 'finished') refill();
    };
    const controller = new RunController(this.pool.take(), request, { ...hooks, onEvent }, () => this.pool.take());
    this.active.add(controller);
    void controller.done.then(() => this.active.delete(controller));
    return controller;
  }

  /** Resolves once the warm pool's processes have booted: the next run starts at once. */
  async ready(): Promise<void> {
    // a replacement about to be forked (a run just ended) counts as one of the pool's
    await Promise.all(this.refills);
    return this.pool.ready();
  }

  /** Stops every run and pooled process; resolves once all have exited. */
  async close(): Promise<void> {
    const running = [...this.active];
    for (const controller of running) controller.stop('the host is shutting down');
    await Promise.all([this.pool.close(), ...running.map((controller) => controller.done)]);
  }
}
