/**
 * The budget of one top-level run, shared by every run nested in it (a workflow a spell runs, the
 * spell and script nodes of that workflow, and so on down): one supervisor, one deadline, one CPU
 * budget, one memory cap, one count of live engine processes, and a cap on how deep runs may nest.
 * Each nested level gets a child budget (`enter`) that knows its depth and the chain of runs above it; every engine
 * run of the tree starts through `run`, which sees the child budget into the run's services so the
 * next level down finds it there (`RUN_BUDGET`).
 */
import { ErrorCode } from '../contract/error-codes';
import type { RunLimits } from '../contract/limits';
import type { RunController, RunHooks } from './run-controller';
import type { RunSpec, Supervisor } from './supervisor';
import { CpuMeter } from './cpu-meter';
import type { RunCost } from '../llm/run-cost';
import { monotonicMs } from './monotonic';

/** The service key under which a run finds its budget. */
export const RUN_BUDGET = 'budget';

/**
 * A nested run reports its own time limit this much after its caller's deadline, so that the caller
 * (which knows the whole budget) reports the time limit itself and its end stops the nested runs.
 */
export const NESTED_SLACK_MS = 250;

/** What a top-level run may spend, for itself and everything nested in it. */
export interface BudgetSettings extends RunLimits {
  /** How many levels runs may nest below the top-level run. */
  maxDepth: number;
  /** Engine processes the whole tree may have running at once. */
  maxProcesses: number;
}

/** A nested run refused by the budget: too deep, too many processes, or no time left. */
export class BudgetError extends Error {
  override name = 'BudgetError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** What every budget of one tree shares. */
interface Tree {
  readonly supervisor: Supervisor;
  readonly settings: BudgetSettings;
  readonly deadline: number;
  readonly live: Set<RunController>;
  /** The tree's shared CPU budget (`limits.cpu`), when it has one. */
  readonly cpu: CpuMeter | undefined;
  /** The tree's LLM cost and cost cap, when its runs are priced. */
  readonly cost: RunCost | undefined;
  expired: boolean;
  closed: boolean;
  timer: NodeJS.Timeout;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

export class RunBudget {
  private constructor(
    private readonly tree: Tree,
    /** 0 for the top-level run, one more for each level of nesting. */
    readonly depth: number,
    /** The runs from the top-level one down to this one (file or spell names). */
    readonly chain: readonly string[],
  ) {}

  /**
   * The budget of a new top-level run named `label`, starting now. Close it when the run is over: a
   * closed budget stops whatever still runs in it.
   */
  static root(supervisor: Supervisor, settings: BudgetSettings, label: string, cost?: RunCost): RunBudget {
    const tree: Tree = {
      supervisor,
      settings,
      deadline: monotonicMs() + settings.timeoutMs,
      live: new Set(),
      cpu: settings.cpuMs !== undefined ? new CpuMeter(settings.cpuMs) : undefined,
      cost,
      expired: false,
      closed: false,
      timer: setTimeout(() => {
        // The backstop: runs normally end with their caller's own time limit before this.
        tree.expired = true;
        for (const run of tree.live) run.stop(RunBudget.timeLimitMessage(settings), ErrorCode.Timeout);
      }, settings.timeoutMs + NESTED_SLACK_MS),
    };
    tree.timer.unref();
    return new RunBudget(tree, 0, [label]);
  }

  private static timeLimitMessage(settings: BudgetSettings): string {
    return `run exceeded its time limit (${seconds(settings.timeoutMs)})`;
  }

  /** The supervisor every run of the tree goes through. */
  get supervisor(): Supervisor {
    return this.tree.supervisor;
  }

  /** The settings of the top-level run. */
  get settings(): BudgetSettings {
    return this.tree.settings;
  }

  /** The tree's LLM cost (shared by every run nested in it), when it has one. */
  get cost(): RunCost | undefined {
    return this.tree.cost;
  }

  /** Milliseconds left until the top-level run's deadline (negative once it passed). */
  remainingMs(): number {
    return this.tree.deadline - monotonicMs();
  }

  /** The budget of a run nested one level below this one; refuses past the depth cap. */
  enter(label: string): RunBudget {
    const depth = this.depth + 1;
    const { maxDepth } = this.tree.settings;
    if (depth > maxDepth) {
      throw new BudgetError(
        `runs nest too deep: ${label} would be level ${depth} below the top-level run, the limit is ${maxDepth} (limits.max_depth): ${[...this.chain, label].join(' → ')}`,
        ErrorCode.NestingTooDeep,
      );
    }
    this.checkTime();
    return new RunBudget(this.tree, depth, [...this.chain, label]);
  }

  /**
   * The limits of an engine run started now at this level: the time the top-level run has left (a
   * nested run a little more, see NESTED_SLACK_MS) and its memory cap, lowered by what the run asks.
   */
  limits(asked: Partial<RunLimits> = {}): RunLimits {
    this.checkTime();
    const { timeoutMs, memoryBytes } = this.tree.settings;
    const time = this.depth === 0 ? timeoutMs : Math.max(1, Math.ceil(this.remainingMs() + NESTED_SLACK_MS));
    // The opt-in instruction budget is the run's own (a count per VM, not shared down the tree).
    const instructions = asked.instructions ?? (this.depth === 0 ? this.tree.settings.instructions : undefined);
    // The tree's CPU budget is shared through its meter (see run); a run may ask for less of its own.
    const cpu = this.tree.cpu;
    const cpuMs = asked.cpuMs !== undefined && (!cpu || asked.cpuMs < cpu.limitMs - cpu.spentMs) ? asked.cpuMs : undefined;
    return {
      timeoutMs: Math.min(time, asked.timeoutMs ?? Infinity),
      memoryBytes: Math.min(memoryBytes, asked.memoryBytes ?? Infinity),
      ...(instructions !== undefined ? { instructions } : {}),
      ...(cpuMs !== undefined ? { cpuMs } : {}),
    };
  }

  /**
   * Starts an engine run of this level through the tree's supervisor with `limits(asked)`; its
   * services carry this budget. Refuses when the tree already has `maxProcesses` running.
   */
  run(spec: Omit<RunSpec, 'limits'> & { limits?: Partial<RunLimits> }, hooks: RunHooks): RunController {
    const { live, settings } = this.tree;
    if (this.tree.closed) throw new BudgetError(`${this.chain.at(-1)}: the run it belongs to has ended`, ErrorCode.Stopped);
    if (live.size >= settings.maxProcesses) {
      throw new BudgetError(
        `too many engine processes: the run already has ${live.size} running, the limit is ${settings.maxProcesses} (limits.max_processes): ${this.chain.join(' → ')}`,
        ErrorCode.TooManyProcesses,
      );
    }
    const controller = this.tree.supervisor.run({ ...spec, limits: this.limits(spec.limits) }, {
      ...hooks,
      services: { ...hooks.services, [RUN_BUDGET]: this },
      ...(this.tree.cpu ? { cpu: this.tree.cpu } : {}),
      ...(this.tree.cost ? { cost: this.tree.cost } : {}),
    });
    live.add(controller);
    void controller.done.then(() => live.delete(controller));
    return controller;
  }

  /** Ends the tree (top-level only): stops every run still going, with `reason`. */
  close(reason = 'the run it belongs to has ended'): void {
    if (this.depth !== 0 || this.tree.closed) return;
    this.tree.closed = true;
    clearTimeout(this.tree.timer);
    // Whoever waited for these runs is gone: end them now rather than after a polite grace.
    for (const run of this.tree.live) run.terminate(reason, ErrorCode.Stopped);
  }

  private checkTime(): void {
    if (this.tree.expired || this.remainingMs() <= 0) throw new BudgetError(RunBudget.timeLimitMessage(this.tree.settings), ErrorCode.Timeout);
    if (this.tree.cpu?.over) throw new BudgetError(this.tree.cpu.message(), ErrorCode.CpuLimit);
    const costStop = this.tree.cost?.stopReason;
    if (costStop) throw new BudgetError(costStop, ErrorCode.CostLimit);
  }
}
