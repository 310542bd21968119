/**
 * The embedded executor: an in-process queue with N rows running at once, each in its own engine
 * process from one warm pool, all sharing one LLM rate limit. No service to install. On Ctrl+C it
 * takes no new row and stops the running ones; their results are not recorded, so the next run
 * runs them again.
 */
import type { BatchExecutor, ExecutorHooks } from './run-batch';
import type { BatchTarget } from './batch-target';
import { runResult, type BatchJob } from './plan';
import { runRow, type RowEnvironment, type RowOutcome } from './run-row';

export class EmbeddedQueue implements BatchExecutor {
  constructor(
    private readonly target: BatchTarget,
    private readonly env: RowEnvironment,
    private readonly concurrency: number,
  ) {}

  async execute(jobs: BatchJob[], hooks: ExecutorHooks): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (!hooks.signal.aborted && next < jobs.length) {
        const job = jobs[next++]!;
        hooks.onStart(job);
        let outcome: RowOutcome;
        try {
          outcome = await runRow(this.target, job.params ?? {}, this.env, hooks.signal);
        } catch (error) {
          outcome = { ok: false, output: '', error: { code: 'crashed', message: (error as Error).message }, durationMs: 0 };
        }
        // A row cut short by Ctrl+C is not a result: it runs again on the next run.
        if (hooks.signal.aborted && !outcome.ok) hooks.onAbandon(job);
        else hooks.onResult(runResult(job, outcome, 1), true);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, jobs.length) }, lane));
  }
}
