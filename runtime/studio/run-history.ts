import { mkdirSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { RunEvent, RunOutcome } from '../contract/run-events';
import { RunRecord } from '../contract/studio-api';
import { writeFileAtomic } from '../security/atomic-write';
import { HISTORY_LIMITS, type HistoryLimits } from './history-limits';
import { RunRecorder } from './run-recorder';
import { StudioError } from './studio-error';

interface Stored {
  key: string;
  record: RunRecord;
}

/**
 * Run history in `$LLMSPELL_HOME/history`: per run `<startedAt>-<runId>.run.json` (the record, with
 * its capped output) and `.events.json` (its events), written atomically through one queue so a run's
 * files never interleave. Records are held in memory for listing and search; events are read on
 * demand. Bounded by {@link HistoryLimits}; a run left `running` by a crash reads as interrupted.
 */
export class RunHistory {
  private readonly stored = new Map<string, Stored>();
  private readonly live = new Map<string, RunRecorder>();
  private loaded: Promise<void> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly limits: HistoryLimits = HISTORY_LIMITS,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Starts recording a run; its record is on disk (status `running`) soon after. */
  begin(record: RunRecord): RunRecorder {
    const recorder = new RunRecorder(record, this.limits);
    const key = `${record.startedAt}-${record.runId}`;
    this.live.set(record.runId, recorder);
    this.stored.set(record.runId, { key, record });
    this.enqueue(async () => {
      await mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.file(key, 'run'), JSON.stringify(record));
    });
    return recorder;
  }

  /** The limits this history keeps to. */
  get bounds(): HistoryLimits {
    return this.limits;
  }

  /**
   * Where a run's cassette (its LLM exchanges, for a replay) is kept: beside its record, removed with
   * it. The folder exists on return (the cassette is written when the run ends, outside the queue).
   */
  cassetteFile(run: Pick<RunRecord, 'runId' | 'startedAt'>): string {
    mkdirSync(this.dir, { recursive: true });
    return this.file(`${run.startedAt}-${run.runId}`, 'cassette');
  }

  /**
   * Completes a run: writes its events and final record, then trims the history to its limit.
   * `cost`: what its LLM calls cost, in US dollars. `cassette`: the run's kept cassette (how many exchanges, and how to write it to its
   * {@link cassetteFile}); it is written in the queue, before the record that names it.
   */
  end(recorder: RunRecorder, outcome: RunOutcome, tokens: number | undefined, extras: { cost?: number; cassette?: { exchanges: number; save(): Promise<void> } } = {}): Promise<void> {
    const { cost, cassette } = extras;
    const record = recorder.finish(outcome, tokens, cost);
    if (cassette) record.cassette = { exchanges: cassette.exchanges };
    const key = `${record.startedAt}-${record.runId}`;
    this.live.delete(record.runId);
    return this.enqueue(async () => {
      if (cassette) {
        await cassette.save().catch((error: unknown) => {
          delete record.cassette;
          this.log(`run history: the cassette of ${record.runId} was not kept: ${(error as Error).message}`);
        });
      }
      // The record keeps a short copy of the output; a longer one gets a file of its own.
      if (recorder.cut) await writeFileAtomic(this.file(key, 'output'), JSON.stringify({ text: recorder.fullOutput(), truncated: recorder.fullTruncated }));
      await writeFileAtomic(this.file(key, 'events'), JSON.stringify(recorder.events));
      await writeFileAtomic(this.file(key, 'run'), JSON.stringify(record));
      await this.prune();
    });
  }

  /** Runs newest first, of one spell and/or containing `text` (name, params, output, error); the newest `limit`. */
  async list(query: { path?: string; text?: string; limit?: number }): Promise<RunRecord[]> {
    await this.load();
    const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const runs = [...this.stored.values()]
      .filter((s) => query.path === undefined || s.record.spellPath === query.path)
      .map((s) => this.view(s.record))
      .filter((r) => {
        if (words.length === 0) return true;
        const haystack = `${r.spellName}\n${r.spellPath}\n${JSON.stringify(r.params)}\n${r.output}\n${r.error?.message ?? ''}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      })
      .sort((a, b) => b.startedAt - a.startedAt);
    return query.limit !== undefined ? runs.slice(0, query.limit) : runs;
  }

  /** One run with its events (live ones as recorded so far). */
  async get(runId: string): Promise<{ run: RunRecord; events: RunEvent[] }> {
    await this.load();
    const stored = this.stored.get(runId);
    if (!stored) throw new StudioError(`runId: no run ${runId} in the history`, 'not_found');
    const live = this.live.get(runId);
    if (live) return { run: this.view(stored.record), events: [...live.events] };
    await this.queue; // a run that just ended may still be on its way to disk
    const events = await readFile(this.file(stored.key, 'events'), 'utf8').then((t) => JSON.parse(t) as RunEvent[], () => []);
    return { run: this.view(stored.record), events };
  }

  /** Runs still going on, with their events so far (a reloaded page re-attaches to them). */
  active(): { run: RunRecord; events: RunEvent[] }[] {
    return [...this.live.values()].map((recorder) => ({ run: { ...recorder.record }, events: [...recorder.events] }));
  }

  /** Everything a run printed: from memory while it runs, else its output file or its record. */
  async output(runId: string): Promise<{ text: string; truncated: boolean }> {
    await this.load();
    const live = this.live.get(runId);
    if (live) return { text: live.fullOutput(), truncated: live.fullTruncated };
    const stored = this.stored.get(runId);
    if (!stored) throw new StudioError(`runId: no run ${runId} in the history`, 'not_found');
    await this.queue;
    const saved = await readFile(this.file(stored.key, 'output'), 'utf8').then(
      (t) => JSON.parse(t) as { text: string; truncated: boolean },
      () => undefined,
    );
    return saved ?? { text: stored.record.output, truncated: false };
  }

  /** Resolves once every pending write is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** A record as shown: one left `running` by an earlier studio reads as interrupted. */
  private view(record: RunRecord): RunRecord {
    if (record.status !== 'running' || this.live.has(record.runId)) return { ...record };
    return { ...record, status: 'failed', error: { code: 'interrupted', message: 'the studio closed during this run' } };
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.run.json'));
      // Many small files: read them a few dozen at a time, not one after another.
      for (let at = 0; at < names.length; at += 64) {
        await Promise.all(names.slice(at, at + 64).map((name) => this.loadOne(name)));
      }
    })();
    return this.loaded;
  }

  private async loadOne(name: string): Promise<void> {
    try {
      const record = RunRecord.parse(JSON.parse(await readFile(path.join(this.dir, name), 'utf8')));
      if (this.stored.has(record.runId)) return;
      const key = name.slice(0, -'.run.json'.length);
      this.stored.set(record.runId, { key, record });
      // Left `running` by a studio that ended during the run: say so on disk too, once.
      if (record.status === 'running' && !this.live.has(record.runId)) {
        const ended = this.view(record);
        this.stored.set(record.runId, { key, record: ended });
        this.enqueue(() => writeFileAtomic(this.file(key, 'run'), JSON.stringify(ended)));
      }
    } catch (error) {
      this.log(`run history: skipped ${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  }

  private async prune(): Promise<void> {
    await this.load();
    const finished = [...this.stored.values()].filter((s) => !this.live.has(s.record.runId)).sort((a, b) => a.record.startedAt - b.record.startedAt);
    const excess = this.stored.size - this.limits.maxRuns;
    for (const old of finished.slice(0, Math.max(0, excess))) {
      this.stored.delete(old.record.runId);
      await rm(this.file(old.key, 'run'), { force: true });
      await rm(this.file(old.key, 'events'), { force: true });
      await rm(this.file(old.key, 'output'), { force: true });
      await rm(this.file(old.key, 'cassette'), { force: true });
    }
  }

  private file(key: string, kind: 'run' | 'events' | 'output' | 'cassette'): string {
    return path.join(this.dir, `${key}.${kind}.json`);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task).catch((error: unknown) => this.log(`run history: ${(error as Error).message}`));
    return this.queue;
  }
}
