import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

// Nudges make delivery fast; the poll makes it correct (DESIGN.md). A
// detection committed through ingest wakes the org's pollers at once: on
// this instance directly, and on the others through Redis pub/sub when
// REDIS_URL is set. Sent after commit, never inside the write transaction.

const CHANNEL = 'orylo:nudge';

type State = { bus: EventEmitter; instanceId: string; redis?: Promise<{ publish: (m: string) => void }> };
const globalForBus = globalThis as unknown as { oryloNudge?: State };
const state = (globalForBus.oryloNudge ??= { bus: new EventEmitter().setMaxListeners(0), instanceId: randomUUID() });

async function connectRedis(url: string) {
  const { default: Redis } = await import('ioredis');
  // Commands queue until the connection is ready; ioredis reconnects by itself
  // and re-subscribes after a drop.
  const options = { maxRetriesPerRequest: 1, connectTimeout: 3_000 };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  for (const client of [pub, sub]) client.on('error', (err) => logger().warn({ err: err.message }, 'redis nudge bus error'));
  sub.on('message', (_channel, message: string) => {
    const [from, orgId] = message.split(' ');
    if (from !== state.instanceId && orgId) state.bus.emit('nudge', orgId);
  });
  await sub.subscribe(CHANNEL);
  logger().info('nudges go through Redis');
  // A publish that fails (Redis down) is only a lost speed-up: the poll still delivers.
  return { publish: (m: string) => void pub.publish(CHANNEL, m).catch(() => {}) };
}

/** One connection attempt per process; if Redis is down at start, nudges stay local and ioredis keeps retrying. */
function redis() {
  const url = env().REDIS_URL;
  if (!url) return undefined;
  state.redis ??= connectRedis(url).catch((err) => {
    logger().warn({ err: (err as Error).message }, 'redis unavailable at start: nudges stay on this instance until it answers');
    return { publish: () => {} };
  });
  return state.redis;
}

export function nudgeOrg(orgId: string): void {
  state.bus.emit('nudge', orgId);
  void redis()?.then((r) => r.publish(`${state.instanceId} ${orgId}`));
}

/** Every nudge, from this instance or (with Redis) another. */
export function onNudge(listener: (orgId: string) => void): () => void {
  void redis(); // subscribe early, so the first remote nudge is not missed
  state.bus.on('nudge', listener);
  return () => state.bus.off('nudge', listener);
}
