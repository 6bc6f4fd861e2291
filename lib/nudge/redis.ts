import type { Redis } from 'ioredis';
import { redis } from '@/lib/redis';
import type { TNudgeTransport } from './transport';

// Nudges between instances through Redis pub/sub, when REDIS_URL is set
// (the deployment then shares its stream caps through Redis too). Uses the
// process's connection pair from lib/redis: `cmd` publishes, `sub` listens.

const CHANNEL = 'orylo:nudge';

// ioredis subscribes again after a reconnect only to channels it had
// subscribed; a SUBSCRIBE that failed (Redis down at start) is retried when
// the connection is next ready, until stopped.
function subscribeUntilStopped(sub: Redis, isStopped: () => boolean): Promise<void> {
  return sub.subscribe(CHANNEL).then(
    () => undefined,
    (err) => {
      sub.once('ready', () => void (isStopped() ? undefined : subscribeUntilStopped(sub, isStopped).catch(() => {})));
      throw err;
    },
  );
}

export function createRedisTransport(): TNudgeTransport {
  return {
    name: 'redis',
    async publish(message) {
      const r = await redis();
      if (!r) throw new Error('REDIS_URL is not set');
      await r.cmd.publish(CHANNEL, message);
    },
    subscribe(onMessage) {
      let stopped = false;
      const handler = (channel: string, message: string) => {
        if (channel === CHANNEL) onMessage(message);
      };
      const connecting = redis() ?? Promise.resolve(undefined);
      const ready = connecting.then((r) => {
        if (!r) throw new Error('REDIS_URL is not set');
        r.sub.on('message', handler);
        return subscribeUntilStopped(r.sub, () => stopped);
      });
      return {
        ready,
        // The connections are the process's (lib/redis), shared with the stream caps: only unsubscribe.
        stop: async () => {
          stopped = true;
          const r = await connecting;
          r?.sub.off('message', handler);
          await r?.sub.unsubscribe(CHANNEL).catch(() => {});
        },
      };
    },
  };
}
