import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsJournal } from '../../../runtime/batch/results-file';
import { RateLimiter, parseRate } from '../../../runtime/batch/rate-limit';
import type { BatchResult } from '../../../runtime/contract/batch';
import { tempWorkspace } from '../../helpers/cli';

const ws = tempWorkspace('llmspell-batch-journal-');
afterAll(() => ws.cleanup());

const result = (row: number, status: 'ok' | 'failed' = 'ok'): BatchResult => ({ row, key: String(row), jobId: `job-${row}`, status, output: `out ${row}\n`, durationMs: 5 });
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('results journal', () => {
  it('appends each job once, and finds it again after reopening', async () => {
    const file = path.join(ws.dir, 'a', 'results.jsonl');
    const journal = await ResultsJournal.open(file);
    expect(journal.append(result(1))).toBe(true);
    expect(journal.append(result(1))).toBe(false);
    journal.append(result(2, 'failed'));
    journal.close();
    const again = await ResultsJournal.open(file);
    expect(again.get('job-2')?.status).toBe('failed');
    expect(again.append(result(2))).toBe(false);
    again.close();
    expect(lines(file)).toHaveLength(2);
  });

  it('drops a torn last line (a crash mid-write) and duplicate lines when it opens', async () => {
    const file = ws.write('torn.jsonl', `${JSON.stringify(result(1))}\n${JSON.stringify(result(1))}\n${JSON.stringify(result(2)).slice(0, 20)}`);
    const journal = await ResultsJournal.open(file);
    expect(journal.size).toBe(1);
    journal.append(result(2));
    journal.close();
    expect(lines(file).map((l) => JSON.parse(l).row)).toEqual([1, 2]);
  });

  it('drops lines to run again and sorts by row, rewriting atomically', async () => {
    const file = path.join(ws.dir, 'sort.jsonl');
    const journal = await ResultsJournal.open(file);
    for (const row of [3, 1, 2]) journal.append(result(row));
    expect(await journal.drop(['job-1', 'job-9'])).toBe(1);
    await journal.sortByRow();
    journal.append(result(1));
    journal.close();
    expect(lines(file).map((l) => JSON.parse(l).row)).toEqual([2, 3, 1]);
    appendFileSync(file, 'not json\n');
    const reopened = await ResultsJournal.open(file);
    reopened.close();
    expect(lines(file)).toHaveLength(3);
  });
});

describe('rate limit', () => {
  it('parses N/unit and refuses anything else', () => {
    expect(parseRate('10/s')).toEqual({ max: 10, perMs: 1000 });
    expect(parseRate('600/min')).toEqual({ max: 600, perMs: 60_000 });
    expect(() => parseRate('fast')).toThrow('--rate expects a count per unit like 10/s');
    expect(() => parseRate('0/s')).toThrow('--rate expects');
  });

  it('lets at most max calls per window through, per provider', async () => {
    const limiter = new RateLimiter({ max: 3, perMs: 300 });
    const started = performance.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 7 }, () => limiter.acquire('a').then(() => times.push(performance.now() - started))));
    times.sort((x, y) => x - y);
    // Calls 4..6 wait for the first window, call 7 for the second.
    expect(times[2]).toBeLessThan(250);
    expect(times[3]).toBeGreaterThanOrEqual(295);
    expect(times[6]).toBeGreaterThanOrEqual(595);
    const other = performance.now();
    await limiter.acquire('b');
    expect(performance.now() - other).toBeLessThan(100);
  });
});
