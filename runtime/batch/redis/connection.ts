/**
 * Where a batch queue lives: a `redis://[user:password@]host:port[/db]` URL (or `rediss://` for
 * TLS), checked here so a typo is a clear usage error instead of an endless reconnect loop.
 */
import type { RedisOptions } from 'ioredis';

/** Every key of ours starts with this (BullMQ's own keys under it too). */
export const KEY_PREFIX = 'llmspell';

/** The queue a provider's rows go to: one queue per provider, so each has its own rate limit. */
export function queueName(provider: string): string {
  return `batch-${provider.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** ioredis options for a queue URL; throws with the expected form. */
export function redisOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--queue expects a URL like redis://127.0.0.1:6379, got '${url}'`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error(`--queue expects a redis:// or rediss:// URL, got '${url}'`);
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`--queue: the database in ${url} must be a number like /0`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's workers block on Redis; it requires this to be null.
    maxRetriesPerRequest: null,
  };
}
