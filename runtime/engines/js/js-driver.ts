import type { QuickJSContext, QuickJSHandle, QuickJSRuntime } from 'quickjs-emscripten';
import type { EngineHost } from '../engine';
import { fromDump, type JsRunError, type VmErrorInfo } from './js-errors';

/** The prelude's functions the driver calls (handles kept by the engine, never reachable by the spell). */
export interface PreludeApi {
  setParams: QuickJSHandle;
  /** Installs the spell-test globals (test runs only). */
  enableTesting: QuickJSHandle;
  start: QuickJSHandle;
  tick: QuickJSHandle;
  status: QuickJSHandle;
}

/** What `status()` reports. */
interface Status {
  phase: 'running' | 'done' | 'failed';
  /** Host calls still unanswered. */
  pending: number;
  /** When the earliest timer is due (ms, host clock), or null. */
  next: number | null;
  result?: string;
  error?: VmErrorInfo;
}

/** What the loop drives: the VM, the prelude's functions, the run's host and how to fail. */
export interface DriverInput {
  runtime: QuickJSRuntime;
  vm: QuickJSContext;
  prelude: PreludeApi;
  host: EngineHost;
  fileName: string;
  stopReason(): string | undefined;
  fail(error: VmErrorInfo): JsRunError;
}

/** Jobs run per executePendingJobs call; the budget is checked between batches. */
const JOB_BATCH = 1000;
/** A spell that never waits (a timer loop) still lets the process read its messages this often. */
const BREATHE_MS = 20;

/**
 * The event loop of a JavaScript spell: run every pending promise job; when nothing is runnable, ask
 * the prelude for the run's state and either finish (main settled, no host call or timer left), fail,
 * or await the host's completions until the next timer is due, hand them to the VM, and go on.
 * Resolves with the JSON text of main's result; rejects with the spell's error.
 */
export async function runSpellLoop(d: DriverInput): Promise<string | undefined> {
  const { runtime, vm, prelude, host } = d;
  const throwIfStopped = () => {
    const reason = d.stopReason() ?? host.check();
    if (reason) throw d.fail({ name: 'InternalError', message: 'interrupted', stack: '' });
  };
  const call = (fn: QuickJSHandle, ...args: QuickJSHandle[]): string | undefined => {
    const result = vm.callFunction(fn, vm.undefined, ...args);
    if (result.error) {
      const error = fromDump(vm.dump(result.error));
      result.error.dispose();
      throw d.fail(error);
    }
    const text = vm.typeof(result.value) === 'string' ? vm.getString(result.value) : undefined;
    result.value.dispose();
    return text;
  };
  let breathed = performance.now();
  for (;;) {
    for (;;) {
      const jobs = runtime.executePendingJobs(JOB_BATCH);
      if (jobs.error) {
        const error = fromDump(jobs.error.context.dump(jobs.error));
        jobs.error.dispose();
        throw d.fail(error);
      }
      const ran = jobs.value;
      if (ran === 0) break;
      throwIfStopped();
    }
    throwIfStopped();
    const status = JSON.parse(call(prelude.status) ?? '{}') as Status;
    if (status.phase === 'failed') throw d.fail(status.error ?? { name: '', message: 'the spell failed', stack: '', plain: true });
    const idle = status.pending === 0 && status.next === null;
    if (idle && status.phase === 'done') return status.result;
    if (idle) throw d.fail({ name: '', message: 'the spell waits for something that can never happen (a promise nobody settles?)', stack: '', plain: true });
    const completions = await host.waitForCompletions(status.next ?? undefined);
    if (performance.now() - breathed > BREATHE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      breathed = performance.now();
    }
    const text = vm.newString(JSON.stringify(completions));
    try {
      call(prelude.tick, text);
    } finally {
      text.dispose();
    }
  }
}
