/**
 * The BullMQ executor: puts each pending row on the provider's queue as a job whose id is the row's
 * job id (BullMQ ignores a second add of the same id, so a re-run never duplicates work), then
 * collects results from QueueEvents plus a periodic sweep, and hands each to the results journal,
 * which writes it once. Workers (`llmspell worker`) on any machine run the jobs; Ctrl+C here only
 * stops waiting: the jobs go on, and the next `llmspell batch` collects them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { BatchResult } from '../../contract/batch';
import { packSpell } from '../../spells/bundle/pack-spell';
import type { BatchTarget } from '../batch-target';
import { runResult, type BatchJob } from '../plan';
import type { RateSpec } from '../rate-limit';
import type { BatchExecutor, ExecutorHooks } from '../run-batch';
import { KEY_PREFIX, queueName, redisOptions } from './connection';
import { BATCHES_KEY, batchJobsKey, BatchJobData, BatchJobReturn, bundleKey, type BatchInfo } from './job-data';

export interface RedisExecutorOptions {
  target: BatchTarget;
  /** The provider the rows run with: its queue, and its rate limit. */
  provider: string;
  /** The input file as the user named it (shown by `--status`). */
  input: string;
  /** Tries per row before it counts as failed (retries back off exponentially from 1 s). */
  attempts: number;
  /** A rate limit for the provider's queue, shared by every worker (BullMQ's global limiter). */
  rate?: RateSpec;
  /** Ship the spell in the job as a `.spell` bundle (signed with `signKey` when given). */
  ship?: { signKey?: string };
  /** How often to look for results the event stream did not bring (ms). */
  sweepMs?: number;
}

/** Finished jobs stay a week, so a batch resumed days later still finds its results. */
const KEEP = { age: 7 * 24 * 3600 };

export class RedisExecutor implements BatchExecutor {
  private constructor(
    private readonly url: string,
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly options: RedisExecutorOptions,
    private readonly spellRef: BatchJobData['spell'],
  ) {}

  /** Connects, applies the rate limit and stores the bundle when shipping. Throws on a bad URL or spell. */
  static async connect(url: string, options: RedisExecutorOptions): Promise<RedisExecutor> {
    if (options.target.kind !== 'spell') throw new Error('a workflow batch runs on the embedded queue only (leave out --queue)');
    const connection = redisOptions(url);
    const client = new Redis({ ...connection, lazyConnect: true });
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new Error(`cannot reach the queue at ${url}: ${(error as Error).message}`);
    }
    const queue = new Queue(queueName(options.provider), { connection: client, prefix: KEY_PREFIX });
    if (options.rate) await queue.setGlobalRateLimit(options.rate.max, options.rate.perMs);
    const spellRef: BatchJobData['spell'] = { name: options.target.name, version: options.target.version };
    if (options.ship) spellRef.bundle = await storeBundle(client, options.target, options.ship.signKey);
    return new RedisExecutor(url, client, queue, options, spellRef);
  }

  /** Removes finished jobs so they run again (`--rerun-failed`, `--force`); a running one is left alone. */
  async forget(jobIds: string[]): Promise<void> {
    for (const id of jobIds) {
      const job = await this.queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') await job.remove();
    }
  }

  async execute(jobs: BatchJob[], hooks: ExecutorHooks): Promise<void> {
    const pending = new Map(jobs.map((job) => [job.jobId, job]));
    const running = new Set<string>();
    let wake: () => void = () => {};
    const finished = new Promise<void>((resolve) => (wake = resolve));
    const settle = (result: BatchResult) => {
      if (!pending.delete(result.jobId)) return;
      hooks.onResult(result, running.delete(result.jobId));
      if (pending.size === 0) wake();
    };
    const fromJob = (job: Job, state: string) => {
      const planned = pending.get(job.id ?? '');
      if (!planned) return;
      if (state === 'completed') {
        const answer = BatchJobReturn.safeParse(job.returnvalue);
        if (answer.success) settle({ row: planned.row, key: planned.key, jobId: planned.jobId, ...answer.data });
        else settle(runResult(planned, { ok: false, output: '', error: { code: 'job_failed', message: 'the worker returned a malformed result' }, durationMs: 0 }, job.attemptsMade));
      } else if (state === 'failed') {
        const error = { code: 'job_failed', message: job.failedReason || 'the job failed' };
        settle(runResult(planned, { ok: false, output: '', error, durationMs: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : 0 }, Math.max(1, job.attemptsMade)));
      }
    };
    const check = async (id: string) => {
      const job = await this.queue.getJob(id);
      if (job?.finishedOn) fromJob(job, await job.getState());
    };

    const events = new QueueEvents(this.queue.name, { connection: redisOptions(this.url), prefix: KEY_PREFIX });
    events.on('active', ({ jobId }) => {
      const job = pending.get(jobId);
      if (job && !running.has(jobId)) {
        running.add(jobId);
        hooks.onStart(job);
      }
    });
    // A job may end while another attempt is queued: only its final state counts, so look it up.
    events.on('completed', ({ jobId }) => void check(jobId).catch(() => {}));
    events.on('failed', ({ jobId }) => void check(jobId).catch(() => {}));
    const onAbort = () => wake();
    hooks.signal.addEventListener('abort', onAbort, { once: true });
    let sweeper: NodeJS.Timeout | undefined;
    try {
      await events.waitUntilReady();
      await this.register(jobs);
      await this.add(jobs);
      // Jobs that finished before we listened (a resumed batch) are found by looking.
      const sweep = async () => {
        for (const id of [...pending.keys()]) if (!hooks.signal.aborted) await check(id);
      };
      await sweep();
      if (pending.size === 0) wake();
      const every = this.options.sweepMs ?? 5000;
      const loop = () => {
        sweeper = setTimeout(() => void sweep().finally(() => !hooks.signal.aborted && pending.size > 0 && loop()), every);
      };
      loop();
      await finished;
      for (const id of running) if (pending.has(id)) hooks.onAbandon(pending.get(id)!);
    } finally {
      clearTimeout(sweeper);
      hooks.signal.removeEventListener('abort', onAbort);
      await events.close();
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.client.disconnect();
  }

  private async add(jobs: BatchJob[]): Promise<void> {
    const batch = this.batchId();
    for (let i = 0; i < jobs.length; i += 500) {
      await this.queue.addBulk(
        jobs.slice(i, i + 500).map((job) => {
          const data: BatchJobData = { batch, row: job.row, key: job.key, params: job.params ?? {}, provider: this.options.provider, spell: this.spellRef };
          return {
            name: this.options.target.name,
            data,
            opts: { jobId: job.jobId, attempts: this.options.attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: KEEP, removeOnFail: KEEP },
          };
        }),
      );
    }
  }

  /** Records the batch for `llmspell batch --status`. */
  private async register(jobs: BatchJob[]): Promise<void> {
    const batch = this.batchId();
    const info: BatchInfo = { spell: this.options.target.name, input: this.options.input, provider: this.options.provider, queue: this.queue.name, total: jobs.length, createdAt: Date.now() };
    const previous = await this.client.hget(BATCHES_KEY, batch);
    const total = previous ? Math.max(jobs.length, (JSON.parse(previous) as BatchInfo).total) : jobs.length;
    await this.client.hset(BATCHES_KEY, batch, JSON.stringify({ ...info, total }));
    for (let i = 0; i < jobs.length; i += 1000) await this.client.sadd(batchJobsKey(batch), ...jobs.slice(i, i + 1000).map((j) => j.jobId));
  }

  private batchId(): string {
    return createHash('sha256').update(`${this.options.target.version}\0${path.resolve(this.options.input)}`).digest('hex').slice(0, 16);
  }
}

/** Packs the spell folder into a bundle (signed when a key is given) and stores it once by its hash. */
async function storeBundle(client: Redis, target: BatchTarget, signKey: string | undefined): Promise<string> {
  if (target.kind !== 'spell' || !target.spell.dir || !target.spell.manifest) {
    throw new Error(`--ship sends a spell folder with a spell.yaml; ${target.name} is a single file (give it a folder and manifest, or install it on the workers)`);
  }
  const out = mkdtempSync(path.join(os.tmpdir(), 'llmspell-ship-'));
  try {
    const packed = packSpell(target.spell.dir, { outDir: out, ...(signKey ? { signKey } : {}) });
    const bytes = readFileSync(packed.file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    // Bundles are content-addressed: the same bytes under the same key, kept as long as the jobs.
    await client.set(bundleKey(sha), bytes, 'EX', KEEP.age, 'NX');
    return sha;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
