import { queueStatus, type QueueStatus } from '../../batch/redis/queue-status';
import type { CliContext } from '../command';
import { EXIT, UsageError } from '../usage-error';

/** `llmspell batch --status --queue redis://…`: prints every batch's and queue's progress. */
export async function printQueueStatus(url: string, ctx: CliContext, json: boolean): Promise<number> {
  let status: QueueStatus;
  try {
    status = await queueStatus(url);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (json) {
    ctx.stdout.write(`${JSON.stringify(status)}\n`);
    return EXIT.ok;
  }
  if (status.batches.length === 0) ctx.stdout.write(`no batches on ${url}\n`);
  for (const b of status.batches) {
    const done = b.ok + b.failed;
    const when = new Date(b.createdAt).toISOString().replace('T', ' ').slice(0, 19);
    ctx.stdout.write(`${b.spell} over ${b.input} (${b.provider}, ${when}): ${done}/${b.total} done, ${b.ok} ok, ${b.failed} failed, ${b.active} running, ${b.waiting} waiting\n`);
  }
  for (const q of status.queues) {
    const limit = q.rateLimit ? `, rate limit ${q.rateLimit.max} per ${q.rateLimit.duration} ms` : '';
    ctx.stdout.write(`queue ${q.name}: ${Object.entries(q.counts).map(([k, v]) => `${v} ${k}`).join(', ')}${limit}\n`);
  }
  return EXIT.ok;
}
