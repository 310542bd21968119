/**
 * A batch's jobs: one per input row, with its key, its job id and either its checked parameters or
 * why it cannot run. Identical rows get distinct ids (their occurrence is part of the hash).
 */
import type { BatchResult } from '../contract/batch';
import type { BatchTarget } from './batch-target';
import type { InputRow } from './input-rows';
import { rowJobId } from './job-id';
import { rowKey, rowParams } from './row-params';
import type { RowOutcome } from './run-row';

export interface BatchJob {
  row: number;
  key: string;
  jobId: string;
  /** The run's parameters; absent for a bad row. */
  params?: Record<string, unknown>;
  /** Why the row cannot run (missing parameter, wrong type, unreadable row). */
  problem?: string;
}

export function planJobs(rows: InputRow[], target: Pick<BatchTarget, 'version' | 'declared'>, paramMap: Map<string, string>, keyColumn: string): BatchJob[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const checked = rowParams(row, target.declared, paramMap);
    const identity = 'params' in checked ? { params: checked.params } : { raw: row.data ?? row.problem };
    const base = rowJobId(target.version, identity, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const job: BatchJob = { row: row.row, key: rowKey(row, keyColumn), jobId: occurrence === 0 ? base : rowJobId(target.version, identity, occurrence) };
    if ('params' in checked) job.params = checked.params;
    else job.problem = checked.error;
    return job;
  });
}

/** The result line of a row that never ran. */
export function badRowResult(job: BatchJob): BatchResult {
  return { row: job.row, key: job.key, jobId: job.jobId, status: 'failed', output: '', error: { code: 'bad_row', message: job.problem ?? 'the row cannot run' }, durationMs: 0 };
}

/** What a run's outcome says in a row's result, wherever the row ran (this process or a worker). */
export function outcomeFields(outcome: RowOutcome): Pick<BatchResult, 'status' | 'output' | 'result' | 'error' | 'tokens' | 'cost' | 'durationMs'> {
  return {
    status: outcome.ok ? 'ok' : 'failed',
    output: outcome.output,
    ...(outcome.result !== undefined ? { result: outcome.result } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.tokens ? { tokens: outcome.tokens } : {}),
    ...(outcome.cost !== undefined ? { cost: outcome.cost } : {}),
    durationMs: outcome.durationMs,
  };
}

/** The result line of a row that ran. */
export function runResult(job: Pick<BatchJob, 'row' | 'key' | 'jobId'>, outcome: RowOutcome, attempts?: number): BatchResult {
  return { row: job.row, key: job.key, jobId: job.jobId, ...outcomeFields(outcome), ...(attempts !== undefined ? { attempts } : {}) };
}
