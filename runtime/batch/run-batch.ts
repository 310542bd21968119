/**
 * One batch from start to end, whatever runs the rows: plans the jobs, opens the results file,
 * skips rows it already holds (or drops them first for `--rerun-failed` / `--force`), records bad
 * rows as failed without running them, hands the rest to an executor (the in-process queue or a
 * BullMQ queue) and records each result exactly once. Ctrl+C (the signal) stops it cleanly.
 */
import type { BatchEvent, BatchProgress, BatchResult } from '../contract/batch';
import type { BatchTarget } from './batch-target';
import type { InputRow } from './input-rows';
import { badRowResult, planJobs, type BatchJob } from './plan';
import { ResultsJournal } from './results-file';
import { BatchTracker } from './tracker';

/** What runs the pending rows: it reports each start and each result, and returns when all ended or the signal aborted. */
export interface BatchExecutor {
  execute(jobs: BatchJob[], hooks: ExecutorHooks): Promise<void>;
}

export interface ExecutorHooks {
  signal: AbortSignal;
  onStart(job: BatchJob): void;
  /** A row's result; false when the journal had it already (never counted twice). */
  onResult(result: BatchResult, wasRunning: boolean): boolean;
  /** A row stopped before it finished. */
  onAbandon(job: BatchJob): void;
  /** How many rows run right now, for executors that only learn it from elsewhere. */
  setRunning(count: number): void;
}

export interface BatchOptions {
  target: BatchTarget;
  rows: InputRow[];
  paramMap: Map<string, string>;
  /** The column that names a row (default `id`). */
  keyColumn: string;
  /** The results file. */
  output: string;
  /** Run rows whose last result failed again. */
  rerunFailed?: boolean;
  /** Run every row again. */
  force?: boolean;
  /** Leave the results file in input order at the end. */
  ordered?: boolean;
  executor: BatchExecutor;
  signal: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
  /** Jobs the executor must forget before they run again (a queue keeps finished jobs). */
  forget?: (jobIds: string[]) => Promise<void>;
}

export interface BatchSummary {
  progress: BatchProgress;
  interrupted: boolean;
  /** Lines of another spell version or input that the results file held and no longer does. */
  staleDropped: number;
  /** Rows whose recorded result (from this run or an earlier one) is a failure. */
  failedRows: number;
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const jobs = planJobs(options.rows, options.target, options.paramMap, options.keyColumn);
  const journal = await ResultsJournal.open(options.output);
  const emit = (event: BatchEvent) => options.onEvent?.(event);
  try {
    const planned = new Set(jobs.map((j) => j.jobId));
    // The file mirrors this batch: lines of an older spell version or another input go.
    const staleDropped = await journal.drop(journal.results().filter((r) => !planned.has(r.jobId)).map((r) => r.jobId));
    const again = jobs.filter((job) => {
      const previous = journal.get(job.jobId);
      return previous && (options.force || (options.rerunFailed && previous.status === 'failed'));
    });
    await journal.drop(again.map((j) => j.jobId));
    if (again.length > 0) await options.forget?.(again.map((j) => j.jobId));

    const tracker = new BatchTracker(jobs.length);
    const progress = () => emit({ type: 'progress', progress: tracker.snapshot() });
    const pending: BatchJob[] = [];
    for (const job of jobs) {
      const previous = journal.get(job.jobId);
      if (previous) tracker.skip(previous);
      else if (job.problem !== undefined) {
        const result = badRowResult(job);
        journal.append(result);
        tracker.finish(result, false);
        emit({ type: 'row', result });
      } else pending.push(job);
    }
    progress();

    const hooks: ExecutorHooks = {
      signal: options.signal,
      onStart: () => {
        tracker.start();
        progress();
      },
      onResult: (result, wasRunning) => {
        if (!journal.append(result)) return false;
        tracker.finish(result, wasRunning);
        emit({ type: 'row', result });
        progress();
        return true;
      },
      onAbandon: () => tracker.abandon(),
      setRunning: (count) => tracker.setRunning(count),
    };
    if (pending.length > 0 && !options.signal.aborted) await options.executor.execute(pending, hooks);
    if (options.ordered) await journal.sortByRow();
    const final = tracker.snapshot();
    const interrupted = final.done < final.total;
    emit({ type: 'summary', progress: final, output: options.output, interrupted });
    const failedRows = jobs.filter((job) => journal.get(job.jobId)?.status === 'failed').length;
    return { progress: final, interrupted, staleDropped, failedRows };
  } finally {
    journal.close();
  }
}
