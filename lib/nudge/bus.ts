import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { redis } from '@/lib/redis';

// Nudges make delivery fast; the poll makes it correct (DESIGN.md). A
// detection committed through ingest wakes the org's pollers at once: on
// this instance directly, and on the others through Redis pub/sub when
// REDIS_URL is set. Sent after commit, never inside the write transaction.

const CHANNEL = 'orylo:nudge';

type State = { bus: EventEmitter; instanceId: string; subscribed?: Promise<boolean> };
const state = processState<State>('nudge.bus', () => ({ bus: new EventEmitter().setMaxListeners(0), instanceId: randomUUID() }));

/** Relays other instances' nudges into this one's bus, once per process. */
function subscribeRemote(): void {
  const connecting = redis();
  if (!connecting || state.subscribed) return;
  state.subscribed = connecting.then(async (r) => {
    if (!r) return false;
    r.sub.on('message', (_channel: string, message: string) => {
      const [from, orgId] = message.split(' ');
      if (from !== state.instanceId && orgId) state.bus.emit('nudge', orgId);
    });
    await r.sub.subscribe(CHANNEL);
    return true;
  }).catch((err) => {
    logger().warn({ err: (err as Error).message }, 'could not subscribe to remote nudges');
    return false;
  });
}

export function nudgeOrg(orgId: string): void {
  state.bus.emit('nudge', orgId);
  // A publish that fails (Redis down) only loses a speed-up: the poll still delivers.
  void redis()?.then((r) => r?.cmd.publish(CHANNEL, `${state.instanceId} ${orgId}`)).catch(() => {});
}

/** Every nudge, from this instance or (with Redis) another. */
export function onNudge(listener: (orgId: string) => void): () => void {
  subscribeRemote();
  state.bus.on('nudge', listener);
  return () => state.bus.off('nudge', listener);
}
