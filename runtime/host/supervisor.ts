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
    // The pool's replacement process is forked once this run has started (or ended without
    // starting), after the event is out: a fork costs the host's thread milliseconds under load.
    let refilled = false;
    const onEvent = (event: RunEvent): void => {
      hooks.onEvent?.(event);
      if (!refilled && (event.type === 'started' || event.type === 'finished')) {
        refilled = true;
        setImmediate(() => this.pool.refill());
      }
    };
    const controller = new RunController(this.pool.take(), request, { ...hooks, onEvent }, () => this.pool.take());
    this.active.add(controller);
    void controller.done.then(() => this.active.delete(controller));
    return controller;
  }

  /** Resolves once the warm pool's processes have booted: the next run starts at once. */
  ready(): Promise<void> {
    return this.pool.ready();
  }

  /** Stops every run and pooled process; resolves once all have exited. */
  async close(): Promise<void> {
    const running = [...this.active];
    for (const controller of running) controller.stop('the host is shutting down');
    await Promise.all([this.pool.close(), ...running.map((controller) => controller.done)]);
  }
}
