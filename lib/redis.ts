import type { Redis } from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';

// One pair of Redis connections per process, when REDIS_URL is set: `cmd`
// for commands and publishing, `sub` for subscriptions (a subscribed
// connection can do nothing else). ioredis reconnects by itself.

export type TRedis = { cmd: Redis; sub: Redis };

async function connect(url: string): Promise<TRedis | undefined> {
  const { default: IORedis } = await import('ioredis');
  const options = { maxRetriesPerRequest: 1, connectTimeout: 3_000 };
  const cmd = new IORedis(url, options);
  const sub = new IORedis(url, options);
  for (const client of [cmd, sub]) client.on('error', (err) => logger().warn({ err: err.message }, 'redis error'));
  try {
    await cmd.ping();
    logger().info('connected to Redis: nudges and stream limits are shared across instances');
  } catch (err) {
    // Still returned: ioredis keeps retrying, and callers fail open per command.
    logger().warn({ err: (err as Error).message }, 'Redis does not answer yet; nudges and limits stay local until it does');
  }
  return { cmd, sub };
}

export function redis(): Promise<TRedis | undefined> | undefined {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  return processState('redis', () => connect(url));
}
