import { EngineToHost, type ErrorInfo, type RunRequest } from '../contract/engine-protocol';
import type { RunEvent, RunOutcome } from '../contract/run-events';
import type { BridgeHandlers, RunServices } from '../bridges/types';
import type { PooledEngine } from './engine-pool';
import { RpcDispatcher } from './rpc-dispatcher';
import { watchMemory } from './memory-watch';
import { CpuMeter } from './cpu-meter';
import { ErrorCode } from '../contract/error-codes';
import type { RunCost } from '../llm/run-cost';
import { monotonicMs } from './monotonic';

/** Grace after a polite stop before SIGKILL (as Electron Fiddle and VS Code do). */
export const KILL_GRACE_MS = 1000;
/** The VM's own hook reports a timeout with the spell's line; the supervisor steps in this much later. */
const TIMEOUT_SLACK_MS = 150;

export interface RunHooks {
  bridges: BridgeHandlers;
  services: RunServices;
  onEvent?: (event: RunEvent) => void;
  /** The CPU budget this run shares with the rest of its run tree (see RunBudget). */
  cpu?: CpuMeter;
  /** The LLM cost this run shares with its tree: past its cap, the run is stopped (see RunCost). */
  cost?: RunCost;
}

/**
 * Drives one run in one engine process: hands over the request, serves its RPCs, enforces wall time
 * and the process-level memory backstop, stops politely then kills, and turns every ending (done,
 * crash, kill) into one RunOutcome. Never throws: a broken engine is an error for its run only.
 */
export class RunController {
  readonly done: Promise<RunOutcome>;
  private resolveDone!: (outcome: RunOutcome) => void;
  private readonly requestedAt = monotonicMs();
  private startLatencyMs: number | undefined;
  private result: { ok: boolean; value?: unknown; error?: ErrorInfo } | undefined;
  private forced: ErrorInfo | undefined;
  private killTimer: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly rpc: RpcDispatcher;
  private stopMemoryWatch: (options?: { finalCpu?: boolean }) => void = () => {};
  private ownCpu: CpuMeter | undefined;
  private stopCpuListen: () => void = () => {};
  private stopCostListen: () => void = () => {};
  private finished = false;
  private replaced = false;

  /**
   * `replacement` gives another engine when the pooled one died before the spell started (an idle
   * process can be killed from outside); the run then starts there instead of failing.
   */
  constructor(
    private engine: PooledEngine,
    private readonly request: RunRequest,
    private readonly hooks: RunHooks,
    private readonly replacement?: () => PooledEngine,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.rpc = new RpcDispatcher(request.runId, hooks, (message) => this.engine.process.send(message));
    this.start();
  }

  get runId(): string {
    return this.request.runId;
  }

  /**
   * Ends the run: a polite message, then SIGKILL after `graceMs` (a VM busy in a loop never reads the
   * message, so the studio's Stop button passes a short grace to end such a run at once).
   */
  stop(reason = 'stopped by the user', code = 'stopped', graceMs = KILL_GRACE_MS): void {
    if (this.finished || this.killTimer) return;
    this.forced ??= { code, message: reason };
    this.engine.process.send({ type: 'stop', reason });
    this.killTimer = setTimeout(() => this.engine.process.kill('SIGKILL'), graceMs);
  }

  /** Ends the run at once (SIGKILL), e.g. when the run it was nested in is over and nobody waits for it. */
  terminate(reason: string, code = 'stopped'): void {
    if (this.finished) return;
    this.kill({ code, message: reason });
  }

  private start(): void {
    // A spell may ignore the failed call (`nil, message`): the cap ends the run itself, like a time limit.
    this.stopCostListen = this.hooks.cost?.onOver((message) => this.stop(message, ErrorCode.CostLimit)) ?? (() => {});
    this.attach();
    const { timeoutMs } = this.request.limits;
    this.timers.push(
      setTimeout(
        () => this.stop(`run exceeded its time limit (${timeoutMs / 1000} s)`, 'timeout'),
        timeoutMs + TIMEOUT_SLACK_MS,
      ),
    );
  }

  /** Listens to the current engine, hands it the request, and watches its memory. */
  private attach(): void {
    const engine = this.engine;
    const { process } = engine;
    process.onMessage((raw) => engine === this.engine && this.onMessage(raw));
    process.onExit((info) => engine === this.engine && this.onExit(info.code, info.signal));
    if (engine.exited) return this.onExit(null, null);
    // The request goes at once, also to a process still booting: its channel keeps the message until
    // the engine listens, and the engine starts the spell the moment its VM is up, without a round
    // trip after `ready` (≈ 5 ms of a cold `llmspell run`).
    if (!this.finished) process.send(this.request);
    // A cold process's own boot is the runtime's CPU time, not the spell's: charged only once it is ready.
    let booted = false;
    engine.ready.then(
      () => void (booted = true),
      () => {}, // onExit reports it
    );
    const { memoryBytes } = this.request.limits;
    this.stopMemoryWatch();
    this.stopMemoryWatch = watchMemory(
      process.pid,
      memoryBytes,
      (rss) =>
        this.kill({
          code: 'memory',
          message: `engine process used ${Math.round(rss / 2 ** 20)} MB, over the run's memory limit (${Math.round(memoryBytes / 2 ** 20)} MB)`,
        }),
      this.cpuCharge(() => booted),
    );
  }

  /**
   * What the process watch calls with each CPU sample, when the run has a CPU budget: the tree's
   * shared one and/or the run's own lower one. Over either, the run ends at once (a VM busy in a
   * loop would not read a polite stop before the grace ran out anyway).
   */
  private cpuCharge(booted: () => boolean): ((deltaMs: number) => boolean) | undefined {
    this.ownCpu ??= this.request.limits.cpuMs !== undefined ? new CpuMeter(this.request.limits.cpuMs) : undefined;
    const meters = [this.hooks.cpu, this.ownCpu].filter((m): m is CpuMeter => m !== undefined);
    if (meters.length === 0) return undefined;
    this.stopCpuListen();
    const unsubscribe = meters.map((m) => m.onOver(() => this.kill({ code: ErrorCode.CpuLimit, message: m.message() })));
    this.stopCpuListen = () => unsubscribe.forEach((off) => off());
    return (deltaMs) => {
      if (!booted()) return false;
      const over = meters.filter((m) => m.charge(deltaMs))[0];
      if (!over) return false;
      this.kill({ code: ErrorCode.CpuLimit, message: over.message() });
      return true;
    };
  }

  private kill(error: ErrorInfo): void {
    this.forced ??= error;
    this.engine.process.kill('SIGKILL');
  }

  private onMessage(raw: unknown): void {
    const parsed = EngineToHost.safeParse(raw);
    if (!parsed.success) {
      // A process speaking nonsense is not trusted further.
      return this.kill({ code: 'protocol', message: `engine process sent an invalid message: ${parsed.error.issues[0]?.message}` });
    }
    const message = parsed.data;
    const runId = this.request.runId;
    switch (message.type) {
      case 'ready':
        return;
      case 'started':
        this.startLatencyMs = monotonicMs() - this.requestedAt;
        return this.emit({ type: 'started', runId, at: message.at });
      case 'output':
        return this.emit({ type: 'output', runId, stream: message.stream, text: message.text });
      case 'log':
        return this.emit({ type: 'log', runId, level: message.level, message: message.message, fields: message.fields });
      case 'notify':
        return this.onNotify(message.name, message.data);
      case 'rpc':
        return this.rpc.call(message.id, message.method, message.args);
      case 'rpc-cancel':
        return this.rpc.cancel(message.id);
      case 'done':
        this.result = { ok: message.ok, ...(message.result !== undefined ? { value: message.result } : {}), ...(message.error ? { error: message.error } : {}) };
        // Everything the engine had to say came before `done`; end it now rather than wait for its
        // exit, with what it used since the last CPU sample charged first (the tree's budget).
        this.stopMemoryWatch({ finalCpu: true });
        this.engine.process.kill('SIGKILL');
        return;
    }
  }

  /** Known notifications become typed run events; anything else from the engine is dropped. */
  private onNotify(name: string, data: unknown): void {
    const runId = this.request.runId;
    const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const tool = typeof d.tool === 'string' ? d.tool : '?';
    if (name === 'test-result') {
      const durationMs = typeof d.duration === 'number' ? d.duration : 0;
      this.emit({ type: 'test-result', runId, name: String(d.name ?? '?'), ok: d.ok === true, durationMs, ...(typeof d.error === 'string' ? { error: d.error } : {}) });
    } else if (name === 'tool-call') this.emit({ type: 'tool-call', runId, tool, arguments: d.arguments ?? {} });
    else if (name === 'tool-result') {
      this.emit({ type: 'tool-result', runId, tool, ok: d.ok === true, result: d.result ?? null, ...(typeof d.error === 'string' ? { error: d.error } : {}) });
    }
  }

  private onExit(code: number | null, signal: string | null): void {
    if (this.finished) return;
    // Died before the spell's first instruction and without an answer: no spell code ran, so the
    // process was broken (killed while idle in the pool); start the run once more in a fresh one.
    if (this.startLatencyMs === undefined && !this.result && !this.forced && !this.replaced && this.replacement) {
      this.replaced = true;
      this.engine = this.replacement();
      return this.attach();
    }
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.killTimer);
    this.stopMemoryWatch();
    this.stopCpuListen();
    this.stopCostListen();
    this.rpc.abortAll();
    const error = this.outcomeError(code, signal);
    const outcome: RunOutcome = {
      runId: this.request.runId,
      ok: !error,
      ...(error ? { error } : {}),
      durationMs: monotonicMs() - this.requestedAt,
      ...(this.startLatencyMs !== undefined ? { startLatencyMs: this.startLatencyMs } : {}),
      ...(!error && this.result?.value !== undefined ? { result: this.result.value } : {}),
    };
    this.emit({ type: 'finished', runId: outcome.runId, ok: outcome.ok, ...(error ? { error } : {}), durationMs: outcome.durationMs });
    this.resolveDone(outcome);
  }

  private outcomeError(code: number | null, signal: string | null): ErrorInfo | undefined {
    if (this.result) {
      // A spell that ended on its own before it read the stop still spent past its cost cap or its
      // CPU budget (the charge taken at its end, see attach): the limit decides.
      if (this.result.ok) return this.forced?.code === ErrorCode.CostLimit || this.forced?.code === ErrorCode.CpuLimit ? this.forced : undefined;
      // The engine's own account carries the spell's line; keep it, with the supervisor's cause.
      const error = this.result.error ?? { code: 'spell_error', message: 'the spell failed' };
      // (an engine that obeyed a polite stop reports `stopped`: the cause is the supervisor's)
      return this.forced && (error.code === ErrorCode.SpellError || error.code === ErrorCode.Stopped) ? { ...error, code: this.forced.code } : error;
    }
    if (this.forced) return this.forced;
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const tail = this.engine.process.stderrTail().trim().split('\n').slice(-3).join(' | ');
    return { code: 'crashed', message: `engine process ${how} before the spell finished${tail ? `: ${tail}` : ''}` };
  }

  private emit(event: RunEvent): void {
    try {
      this.hooks.onEvent?.(event);
    } catch {
      // A consumer's bug must not break the run.
    }
  }
}
