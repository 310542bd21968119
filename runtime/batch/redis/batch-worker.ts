/**
 * A batch worker: takes rows from the BullMQ queues of the providers it has keys for and runs each
 * as a normal sandboxed run. A failed run is retried (BullMQ's backoff) until its last attempt,
 * which returns the failure as the row's result. A worker that dies mid-row holds the job's lock
 * no longer: BullMQ's stalled-job check puts it back and another worker runs it.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { loadConfig, type LoadedConfig } from '../../config';
import type { Supervisor } from '../../host/supervisor';
import { ParamsError, resolveParams } from '../../spells/parameters';
import type { SpellLibrary } from '../../spells/library/spell-library';
import { outcomeFields } from '../plan';
import { runRow } from '../run-row';
import { KEY_PREFIX, queueName, redisOptions } from './connection';
import { BatchJobData, type BatchJobReturn } from './job-data';
import { SpellRefusal, WorkerSpells } from './worker-spells';

/** How results name this worker: `host:pid`. */
const WORKER_NAME = `${hostname()}:${process.pid}`;

export interface BatchWorkerOptions {
  url: string;
  /** Rows run at once, per provider queue. */
  concurrency: number;
  /** Providers to serve (their queues). */
  providers: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  home: string;
  library: () => SpellLibrary;
  supervisor: Supervisor;
  allowUnsigned: boolean;
  /** How long a row's lock lasts without renewal: a dead worker's row is retried this long after (ms). */
  lockMs: number;
  /** A line for the worker's log. */
  log: (line: string) => void;
}

export class BatchWorker {
  private constructor(
    private readonly workers: Worker[],
    private readonly client: Redis,
  ) {}

  static async start(options: BatchWorkerOptions): Promise<BatchWorker> {
    const client = new Redis({ ...redisOptions(options.url), lazyConnect: true });
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw new Error(`cannot reach the queue at ${options.url}: ${(error as Error).message}`);
    }
    const spells = new WorkerSpells({ client, home: options.home, cwd: options.cwd, library: options.library, allowUnsigned: options.allowUnsigned });
    const configs = new Map<string, LoadedConfig>();
    // Each provider's rows run with that provider chosen, and this machine's key for it.
    const configFor = (provider: string) => {
      let loaded = configs.get(provider);
      if (!loaded) configs.set(provider, (loaded = loadConfig({ cwd: options.cwd, env: options.env, flags: { provider } })));
      return loaded;
    };
    const processor = (job: Job) => runJob(job, { spells, configFor, options });
    const workers = options.providers.map(
      (provider) =>
        new Worker(queueName(provider), processor, {
          connection: redisOptions(options.url),
          prefix: KEY_PREFIX,
          concurrency: options.concurrency,
          lockDuration: options.lockMs,
          stalledInterval: Math.max(500, Math.round(options.lockMs / 2)),
          // A row may be caught in two dying workers before it fails for good.
          maxStalledCount: 2,
        }),
    );
    for (const worker of workers) {
      worker.on('error', (error) => options.log(`queue error: ${error.message}`));
      worker.on('failed', (job, error) => {
        if (job) options.log(`row ${(job.data as { row?: number }).row ?? '?'} (${job.id}) attempt ${job.attemptsMade} failed: ${error.message}`);
      });
    }
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    return new BatchWorker(workers, client);
  }

  /** Stops taking rows, lets the running ones finish, then disconnects. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.client.disconnect();
  }
}

async function runJob(
  job: Job,
  ctx: { spells: WorkerSpells; configFor: (provider: string) => LoadedConfig; options: BatchWorkerOptions },
): Promise<BatchJobReturn> {
  const parsed = BatchJobData.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`not a llmspell batch job: ${parsed.error.issues[0]?.message ?? 'malformed data'}`);
  const data = parsed.data;
  const attempt = job.attemptsMade + 1;
  let target;
  try {
    target = await ctx.spells.resolve(data.spell);
  } catch (error) {
    if (error instanceof SpellRefusal) throw new UnrecoverableError(error.message);
    throw error;
  }
  let params: Record<string, unknown>;
  try {
    // The job's parameters came over the network: they are checked against the manifest again.
    params = resolveParams(target.declared, { file: data.params });
  } catch (error) {
    if (!(error instanceof ParamsError)) throw error;
    return { status: 'failed', output: '', error: { code: 'bad_row', message: error.problems.join('; ') }, durationMs: 0, attempts: attempt, worker: WORKER_NAME };
  }
  const { options } = ctx;
  const outcome = await runRow(target, params, { loaded: ctx.configFor(data.provider), home: options.home, supervisor: options.supervisor });
  const lastAttempt = attempt >= (job.opts.attempts ?? 1);
  // A failed run is retried with backoff while attempts remain; the last one's failure is the row's result.
  if (!outcome.ok && !lastAttempt) throw new Error(outcome.error?.message ?? 'the run failed');
  return {
    ...outcomeFields(outcome),
    // Started, not failed, attempts: a run lost with a dead worker counts too.
    attempts: Math.max(attempt, job.attemptsStarted ?? 0),
    worker: WORKER_NAME,
  };
}
