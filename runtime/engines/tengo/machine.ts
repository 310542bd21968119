/**
 * The state one Tengo run shares across its compiled code: the check budget (counted down at every
 * call and loop iteration, so limits cost one decrement), call depth, value size caps, output, and
 * calling Tengo functions from host code (callbacks).
 */
import { TengoAbort, runtimeError } from './errors';
import { TBuiltin, TFunction, type Value } from './values';

/** Limits and hooks for one run. */
export interface MachineOptions {
  /** Deepest Tengo call nesting (Tengo's own limit is 1024 frames). */
  maxDepth?: number;
  /** Longest string or bytes value a script may build, in bytes. */
  maxStringBytes?: number;
  /** Most elements of one array or entries of one map built by concatenation, append or range. */
  maxElements?: number;
  /** Most instructions (calls + loop iterations), or undefined for no budget. */
  maxSteps?: number;
  /** Called every `checkEvery` steps: return a reason to end the run (stop, time limit, memory cap). */
  check?: () => string | undefined;
  checkEvery?: number;
  /** Program output (fmt.print and friends). */
  write?: (text: string) => void;
}

export const RETURN = 1;
export const BREAK = 2;
export const CONTINUE = 3;

/** Runs a Tengo function with arguments; set by the call module (breaks an import cycle). */
export type Invoker = (m: Machine, fn: Value, args: Value[]) => Value;

export class Machine {
  budget: number;
  depth = 0;
  readonly maxDepth: number;
  readonly maxStringBytes: number;
  readonly maxElements: number;
  readonly write: (text: string) => void;
  private readonly checkEvery: number;
  private stepsLeft: number;
  private stopped: string | undefined;
  invoke: Invoker = () => {
    throw new Error('no invoker installed');
  };

  constructor(private readonly opts: MachineOptions = {}) {
    this.maxDepth = opts.maxDepth ?? 1024;
    this.maxStringBytes = opts.maxStringBytes ?? 256 * 1024 * 1024;
    this.maxElements = opts.maxElements ?? 32 * 1024 * 1024;
    this.write = opts.write ?? (() => undefined);
    this.checkEvery = opts.checkEvery ?? 100_000;
    this.stepsLeft = opts.maxSteps ?? Infinity;
    this.budget = Math.min(this.checkEvery, this.stepsLeft);
  }

  /** The budget ran out: count the steps, ask the host whether to go on, refill. */
  tick(): void {
    if (this.stopped) throw new TengoAbort(this.stopped);
    const used = Math.min(this.checkEvery, this.stepsLeft);
    this.stepsLeft -= used;
    if (this.stepsLeft <= 0) this.abort('instruction limit exceeded');
    const reason = this.opts.check?.();
    if (reason) this.abort(reason);
    this.budget = Math.min(this.checkEvery, this.stepsLeft);
  }

  /** Ends the run; sticky, so nothing the script does afterwards can continue it. */
  abort(reason: string): never {
    this.stopped = reason;
    this.budget = 0;
    throw new TengoAbort(reason);
  }

  /** Calls a Tengo (or host) function from host code, e.g. a stream callback. */
  call(fn: Value, args: Value[]): Value {
    if (!(fn instanceof TFunction) && !(fn instanceof TBuiltin)) throw runtimeError('not callable');
    const depth = this.depth;
    try {
      return this.invoke(this, fn, args);
    } finally {
      this.depth = depth;
    }
  }

  /** Throws Tengo's string-limit error when a string or bytes value would be too long. */
  checkBytes(n: number): void {
    if (n > this.maxStringBytes) throw runtimeError(`exceeding string size limit (${n} > ${this.maxStringBytes} bytes)`);
  }

  checkElements(n: number): void {
    if (n > this.maxElements) throw runtimeError(`exceeding element limit (${n} > ${this.maxElements})`);
  }
}
