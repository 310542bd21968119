import { execFileSync } from 'node:child_process';

/**
 * The CPU budget of a run tree (`limits.cpu`): every engine process of the tree charges the CPU time
 * it used since its last sample, so nested and parallel runs spend one shared budget, as they share
 * the wall-time limit. The process watch (memory-watch.ts) takes the samples.
 */
export class CpuMeter {
  private spent = 0;
  private readonly listeners = new Set<() => void>();
  constructor(readonly limitMs: number) {}

  /**
   * Adds `ms` of CPU time; true once the tree has spent more than its limit. The charge that spends
   * the budget tells every listener at once, so the whole tree ends together (a caller waiting on a
   * nested run must not get to handle its error and go on).
   */
  charge(ms: number): boolean {
    const was = this.over;
    this.spent += Math.max(0, ms);
    if (!was && this.over) for (const listener of [...this.listeners]) listener();
    return this.over;
  }

  /** Calls `listener` when the budget is spent; returns the unsubscribe. */
  onOver(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get spentMs(): number {
    return this.spent;
  }

  get over(): boolean {
    return this.spent > this.limitMs;
  }

  /** The error message of a run ended by this budget. */
  message(): string {
    return `run used ${seconds(this.spent)} of CPU time, over its CPU limit (${seconds(this.limitMs)}, limits.cpu)`;
  }
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(2))} s`;

let ticks: number | undefined;
/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every common Linux). */
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 2000 }).trim());
    } catch {
      ticks = 100;
    }
    if (!Number.isFinite(ticks) || ticks <= 0) ticks = 100;
  }
  return ticks;
}

/**
 * A process's CPU time (user + system) in milliseconds from the text of /proc/<pid>/stat. The
 * command name may hold spaces and parentheses, so fields count from its closing parenthesis.
 */
export function cpuMsOfStat(stat: string): number | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: field 3 (state) is rest[0]; utime (14) and stime (15) are rest[11], rest[12].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / clockTicks();
}
