/**
 * The status of a batch queue: every batch recorded in it with its rows done, failed, running and
 * waiting, and each provider queue's counts and rate limit (`llmspell batch --status`).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { KEY_PREFIX, redisOptions } from './connection';
import { BATCHES_KEY, batchJobsKey, BatchInfo } from './job-data';

export interface BatchStatus extends BatchInfo {
  id: string;
  ok: number;
  failed: number;
  active: number;
  waiting: number;
}

export interface QueueStatus {
  batches: BatchStatus[];
  queues: { name: string; counts: Record<string, number>; rateLimit?: { max: number; duration: number } }[];
}

/** Reads the status of every batch and queue on the Redis at `url`. */
export async function queueStatus(url: string): Promise<QueueStatus> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot reach the queue at ${url}: ${(error as Error).message}`);
  }
  const queues = new Map<string, Queue>();
  const queueOf = (name: string) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = new Queue(name, { connection: client, prefix: KEY_PREFIX })));
    return q;
  };
  try {
    const batches: BatchStatus[] = [];
    for (const [id, text] of Object.entries(await client.hgetall(BATCHES_KEY))) {
      const info = BatchInfo.safeParse(JSON.parse(text));
      if (!info.success) continue;
      const queue = queueOf(info.data.queue);
      const status: BatchStatus = { id, ...info.data, ok: 0, failed: 0, active: 0, waiting: 0 };
      for (const jobId of await client.smembers(batchJobsKey(id))) {
        const job = await queue.getJob(jobId);
        const state = job ? await job.getState() : 'unknown';
        if (state === 'completed') {
          if ((job!.returnvalue as { status?: string } | undefined)?.status === 'ok') status.ok += 1;
          else status.failed += 1;
        } else if (state === 'failed') status.failed += 1;
        else if (state === 'active') status.active += 1;
        else if (state !== 'unknown') status.waiting += 1;
      }
      batches.push(status);
    }
    const names = new Set([...queues.keys()]);
    const result: QueueStatus = { batches: batches.sort((a, b) => a.createdAt - b.createdAt), queues: [] };
    for (const name of names) {
      const queue = queueOf(name);
      const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
      const limit = await queue.getGlobalRateLimit().catch(() => undefined);
      result.queues.push({ name, counts, ...(limit && limit.max ? { rateLimit: { max: limit.max, duration: limit.duration } } : {}) });
    }
    return result;
  } finally {
    await Promise.all([...queues.values()].map((q) => q.close()));
    client.disconnect();
  }
}
