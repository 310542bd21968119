/**
 * The results file of a batch, which is also its journal: one JSON line per finished row, appended
 * with a single write each, so a crash leaves at most a torn last line (dropped on the next open).
 * A job id is never written twice; rows to run again are first removed by an atomic rewrite.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { BatchResult } from '../contract/batch';
import { writeFileAtomic } from '../security/atomic-write';

export class ResultsJournal {
  private readonly byJob = new Map<string, BatchResult>();
  private fd: number | undefined;

  private constructor(readonly file: string) {}

  /** Opens (or creates) the results file, reading the rows it already holds. */
  static async open(file: string): Promise<ResultsJournal> {
    const journal = new ResultsJournal(file);
    mkdirSync(path.dirname(file), { recursive: true });
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      let damaged = !text.endsWith('\n') && text.length > 0;
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        const parsed = parseLine(line);
        if (!parsed || journal.byJob.has(parsed.jobId)) damaged = true;
        else journal.byJob.set(parsed.jobId, parsed);
      }
      // A torn last line (the process died mid-write) or a line that is not ours: rewrite the good ones.
      if (damaged) await journal.rewrite();
    }
    journal.fd = openSync(file, 'a');
    return journal;
  }

  /** The result already recorded for a job. */
  get(jobId: string): BatchResult | undefined {
    return this.byJob.get(jobId);
  }

  get size(): number {
    return this.byJob.size;
  }

  results(): BatchResult[] {
    return [...this.byJob.values()];
  }

  /** Appends a row's result; false (and nothing written) when the job has a line already. */
  append(result: BatchResult): boolean {
    if (this.byJob.has(result.jobId)) return false;
    if (this.fd === undefined) throw new Error('the results file is closed');
    // One write of one whole line: the file never holds half a row next to a whole one.
    writeSync(this.fd, `${JSON.stringify(result)}\n`);
    this.byJob.set(result.jobId, result);
    return true;
  }

  /** Forgets the given jobs' lines (to run those rows again), rewriting the file atomically. */
  async drop(jobIds: Iterable<string>): Promise<number> {
    let dropped = 0;
    for (const id of jobIds) if (this.byJob.delete(id)) dropped += 1;
    if (dropped > 0) await this.rewrite();
    return dropped;
  }

  /** Rewrites the file with its lines in input order (`--ordered`). */
  async sortByRow(): Promise<void> {
    const sorted = [...this.byJob.values()].sort((a, b) => a.row - b.row);
    this.byJob.clear();
    for (const result of sorted) this.byJob.set(result.jobId, result);
    await this.rewrite();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private async rewrite(): Promise<void> {
    const reopen = this.fd !== undefined;
    this.close();
    await writeFileAtomic(this.file, [...this.byJob.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
    if (reopen) this.fd = openSync(this.file, 'a');
  }
}

function parseLine(line: string): BatchResult | undefined {
  try {
    const parsed = BatchResult.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
