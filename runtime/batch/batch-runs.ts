/**
 * Batches started from the studio: the same `runBatch` and embedded queue as `llmspell batch`, with
 * the input file's text saved under `$LLMSPELL_HOME/batches/<batchId>/` beside its results file (the
 * journal), so starting the same spell over the same file again resumes it. Each start is also a
 * run in the run history (one output line per row, then the summary).
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from '../config';
import type { BatchEvent, BatchResult } from '../contract/batch';
import type { RunEvent, RunOutcome } from '../contract/run-events';
import { BatchRecord, type RunRecord } from '../contract/studio-api';
import type { Supervisor } from '../host/supervisor';
import { loadBatchTarget } from './batch-target';
import { EmbeddedQueue } from './embedded-queue';
import { inputFormat, parseInputText, readInputRows } from './input-rows';
import { runBatch } from './run-batch';
import { ResultsJournal } from './results-file';
import { writeFileAtomic } from '../security/atomic-write';

/** Records a batch as a run in the history; the studio adapts its RunHistory to this. */
export interface BatchHistory<R> {
  begin(record: RunRecord): R;
  add(recorder: R, event: RunEvent): void;
  end(recorder: R, outcome: RunOutcome, tokens: number | undefined, cost?: number): Promise<void>;
}

export interface BatchRunsDeps<R> {
  home: string;
  cwd: string;
  supervisor: Supervisor;
  /** The spell file or folder a library path names (throws the studio's error for an unknown one). */
  locate(spellPath: string): string;
  /** The configuration runs use right now (the studio's saved settings applied). */
  runConfig(): LoadedConfig;
  emit(data: { batchId: string; event: BatchEvent }): void;
  history: BatchHistory<R>;
  /** A refusal the caller shows as is (bad input, not a host bug). */
  refuse(field: string, message: string): Error;
}

/** Progress events reach the windows at most this often; rows and the summary always do. */
const PROGRESS_EVERY_MS = 100;

export interface StartBatch {
  path: string;
  name: string;
  content: string;
  paramMap: Record<string, string>;
  concurrency?: number;
  rerunFailed?: boolean;
}

export class BatchRuns<R> {
  private readonly running = new Map<string, { controller: AbortController; record: BatchRecord; done: Promise<void> }>();

  constructor(private readonly deps: BatchRunsDeps<R>) {}

  private get root(): string {
    return path.join(this.deps.home, 'batches');
  }

  /** Columns, row count, a sample and the unreadable rows of an input file; runs nothing. */
  preview(name: string, content: string): { columns: string[]; rows: number; sample: Record<string, unknown>[]; problems: string[] } {
    const format = inputFormat(name);
    if (!format) throw this.deps.refuse('name', 'the input must be a .csv, .jsonl or .json file');
    let rows;
    try {
      rows = parseInputText(content, format, name);
    } catch (error) {
      throw this.deps.refuse('content', (error as Error).message);
    }
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r.data ?? {})))];
    return { columns, rows: rows.length, sample: rows.slice(0, 5).map((r) => r.data ?? {}), problems: rows.flatMap((r) => (r.problem ? [r.problem] : [])).slice(0, 20) };
  }

  start(input: StartBatch): { batchId: string } {
    const spellPath = this.deps.locate(input.path);
    const ext = path.extname(input.name).toLowerCase();
    if (!inputFormat(input.name)) throw this.deps.refuse('name', 'the input must be a .csv, .jsonl or .json file');
    const batchId = createHash('sha256').update(`${spellPath}\0${ext}\0`).update(input.content).digest('hex').slice(0, 16);
    if (this.running.has(batchId)) throw this.deps.refuse('path', 'this batch is running already');
    const dir = path.join(this.root, batchId);
    mkdirSync(dir, { recursive: true });
    const inputFile = path.join(dir, `input${ext}`);
    writeFileSync(inputFile, input.content);
    let target;
    let rows;
    try {
      target = loadBatchTarget(spellPath, { cwd: this.deps.cwd });
      rows = readInputRows(inputFile, input.name);
    } catch (error) {
      throw this.deps.refuse('path', (error as Error).message);
    }
    const startedAt = Date.now();
    const record: BatchRecord = {
      batchId,
      spellPath,
      spellName: target.name,
      input: input.name,
      startedAt,
      status: 'running',
      progress: { total: rows.length, done: 0, ok: 0, failed: 0, skipped: 0, running: 0, rate: 0, tokens: 0, elapsedMs: 0 },
    };
    const runId = `batch-${randomUUID()}`;
    const recorder = this.deps.history.begin({ runId, spellPath, spellName: target.name, params: { batch: input.name, rows: rows.length }, startedAt, status: 'running', output: '' });
    const say = (text: string) => this.deps.history.add(recorder, { type: 'output', runId, stream: 'stdout', text });
    const controller = new AbortController();
    let lastProgress = 0;
    let summary: BatchEvent | undefined;
    const onEvent = (event: BatchEvent) => {
      // The summary goes out once the run history has the batch: a window reloading it then sees it ended.
      if (event.type === 'summary') {
        record.progress = event.progress;
        summary = event;
        return;
      }
      if (event.type === 'progress') record.progress = event.progress;
      if (event.type === 'row') say(rowLine(event.result));
      if (event.type === 'progress') {
        const now = performance.now();
        if (now - lastProgress < PROGRESS_EVERY_MS && event.progress.done < event.progress.total) return;
        lastProgress = now;
      }
      this.deps.emit({ batchId, event });
    };
    const loaded = this.deps.runConfig();
    const done = runBatch({
      target,
      rows,
      paramMap: new Map(Object.entries(input.paramMap)),
      keyColumn: 'id',
      output: path.join(dir, 'results.jsonl'),
      ...(input.rerunFailed ? { rerunFailed: true } : {}),
      executor: new EmbeddedQueue(target, { loaded, home: this.deps.home, supervisor: this.deps.supervisor }, input.concurrency ?? 4),
      signal: controller.signal,
      onEvent,
    })
      .then((summary) => {
        record.status = summary.interrupted ? 'stopped' : summary.failedRows > 0 ? 'failed' : 'ok';
        say(`${summary.progress.total} rows: ${summary.progress.ok} ok, ${summary.progress.failed} failed, ${summary.progress.skipped} already done\n`);
        const outcome: RunOutcome = { runId, ok: record.status === 'ok', durationMs: summary.progress.elapsedMs };
        if (record.status === 'stopped') outcome.error = { code: 'stopped', message: 'the batch was stopped; start it again to resume' };
        else if (record.status === 'failed') outcome.error = { code: 'batch_failed', message: `${summary.failedRows} row(s) failed` };
        return this.deps.history.end(recorder, outcome, summary.progress.tokens || undefined, summary.progress.cost);
      })
      .catch(async (error: unknown) => {
        record.status = 'failed';
        await this.deps.history.end(recorder, { runId, ok: false, error: { code: 'crashed', message: (error as Error).message }, durationMs: Date.now() - startedAt }, undefined);
      })
      .finally(async () => {
        this.running.delete(batchId);
        await writeFileAtomic(path.join(dir, 'batch.json'), JSON.stringify(record));
        if (summary) this.deps.emit({ batchId, event: summary });
      });
    this.running.set(batchId, { controller, record, done });
    void writeFileAtomic(path.join(dir, 'batch.json'), JSON.stringify(record)).catch(() => {});
    return { batchId };
  }

  stop(batchId: string): void {
    this.running.get(batchId)?.controller.abort();
  }

  list(spellPath?: string): BatchRecord[] {
    const records = new Map<string, BatchRecord>();
    let names: string[] = [];
    try {
      names = readdirSync(this.root).filter((n) => /^[0-9a-f]{16}$/.test(n));
    } catch {
      // no batch yet
    }
    for (const name of names) {
      const record = this.readRecord(name);
      if (record) records.set(name, record);
    }
    for (const [id, run] of this.running) records.set(id, run.record);
    return [...records.values()].filter((r) => !spellPath || r.spellPath === spellPath).sort((a, b) => b.startedAt - a.startedAt);
  }

  async get(batchId: string): Promise<{ batch: BatchRecord; results: BatchResult[] }> {
    const record = this.running.get(batchId)?.record ?? (/^[0-9a-f]{16}$/.test(batchId) ? this.readRecord(batchId) : undefined);
    if (!record) throw this.deps.refuse('batchId', `no batch ${batchId}`);
    const journal = await ResultsJournal.open(path.join(this.root, batchId, 'results.jsonl'));
    try {
      return { batch: record, results: journal.results().sort((a, b) => a.row - b.row) };
    } finally {
      journal.close();
    }
  }

  /** Stops every running batch and waits until each has ended. */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const run of all) run.controller.abort();
    await Promise.all(all.map((run) => run.done));
  }

  private readRecord(batchId: string): BatchRecord | undefined {
    try {
      const parsed = BatchRecord.safeParse(JSON.parse(readFileSync(path.join(this.root, batchId, 'batch.json'), 'utf8')));
      // A record left `running` by a crash reads as stopped: starting it again resumes it.
      return parsed.success ? { ...parsed.data, status: parsed.data.status === 'running' ? 'stopped' : parsed.data.status } : undefined;
    } catch {
      return undefined;
    }
  }
}

function rowLine(result: BatchResult): string {
  const text = result.status === 'ok' ? result.output.trim().split('\n')[0] ?? '' : (result.error?.message ?? 'failed');
  return `row ${result.row} (${result.key}) ${result.status}: ${text.slice(0, 200)}\n`;
}
