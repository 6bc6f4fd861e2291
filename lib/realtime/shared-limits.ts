import { randomUUID } from 'node:crypto';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { redis } from '@/lib/redis';

// With REDIS_URL, the per-user and per-org stream caps hold across instances.
// Each open stream is a member of two sorted sets (user, org) scored by its
// expiry; live instances push the expiry forward, so the slots of an instance
// that dies without cleaning up lapse by themselves within TTL_MS.

const TTL_MS = 90_000;
const REFRESH_MS = 30_000;

// KEYS: user set, org set. ARGV: now, expiry, member, user limit, org limit.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) then return 2 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ${TTL_MS * 2})
redis.call('PEXPIRE', KEYS[2], ${TTL_MS * 2})
return 0`;

type Held = { keys: [string, string]; member: string };
type State = { instance: string; held: Set<Held>; timer?: NodeJS.Timeout };
const state = processState<State>('realtime.shared-limits', () => ({ instance: randomUUID(), held: new Set() }));

function keepAlive() {
  if (state.timer) return;
  state.timer = setInterval(() => {
    void redis()?.then(async (r) => {
      if (!r || state.held.size === 0) return;
      const expiry = Date.now() + TTL_MS;
      const pipeline = r.cmd.pipeline();
      for (const h of state.held) for (const key of h.keys) pipeline.zadd(key, 'XX', expiry, h.member);
      await pipeline.exec();
    }).catch(() => {});
  }, REFRESH_MS);
  state.timer.unref();
}

/**
 * 'user' or 'org' when that shared cap is full, else takes the slot and
 * returns its release. Fails open (null release, no refusal) when Redis does
 * not answer: the local caps still apply.
 */
export async function acquireSharedSlot(keys: { userId: string; orgId: string }, limits: { user: number; org: number }): Promise<{ refused?: 'user' | 'org'; release: () => void }> {
  const connecting = redis();
  const r = connecting && (await connecting);
  if (!r) return { release: () => {} };
  const held: Held = { keys: [`orylo:streams:user:${keys.userId}`, `orylo:streams:org:${keys.orgId}`], member: `${state.instance}:${randomUUID()}` };
  const now = Date.now();
  let result: number;
  try {
    result = Number(await r.cmd.eval(ACQUIRE, 2, ...held.keys, now, now + TTL_MS, held.member, limits.user, limits.org));
  } catch (err) {
    logger().warn({ err: (err as Error).message }, 'shared stream limits unavailable; local limits only');
    return { release: () => {} };
  }
  if (result === 1) return { refused: 'user', release: () => {} };
  if (result === 2) return { refused: 'org', release: () => {} };
  state.held.add(held);
  keepAlive();
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      state.held.delete(held);
      for (const key of held.keys) void r.cmd.zrem(key, held.member).catch(() => {});
    },
  };
}
