import { randomUUID } from 'node:crypto';
import { appDatabaseUrl, appDb } from '@/lib/db';
import { env } from '@/lib/env';
import { processState } from '@/lib/process-state';
import { createNudgeBus, type TNudgeBus } from './bus';
import { createPostgresTransport } from './postgres';
import { createRedisTransport } from './redis';

// Nudges: "this org has new rows, poll now". Writers call nudgeOrg() after
// their transaction commits; the realtime hub listens with onNudge(). The
// poll is what makes delivery correct; a nudge only makes it fast.
//
// Between instances: Redis pub/sub when REDIS_URL is set (the deployment has
// one anyway, for the shared stream caps), else PostgreSQL LISTEN/NOTIFY, so
// that several instances need nothing but the database they already share.

function bus(): TNudgeBus {
  return processState('nudge.bus', () =>
    createNudgeBus({
      // Messages carry it, so an instance drops its own (one id per process, whichever module graph asks first).
      instanceId: randomUUID(),
      transport: env().REDIS_URL
        ? createRedisTransport()
        : createPostgresTransport({ notifySql: () => appDb().sql, listenUrl: appDatabaseUrl }),
    }),
  );
}

/** Wakes the org's pollers, here at once and on the other instances within a few ms. Call it after the commit. */
export function nudgeOrg(orgId: string): void {
  bus().nudgeOrg(orgId);
}

/** Every nudge, from this instance or another; returns the unsubscribe. */
export function onNudge(listener: (orgId: string) => void): () => void {
  return bus().onNudge(listener);
}

/** For a shutdown path: sends what is pending and closes the connection that receives nudges. */
export function closeNudges(): Promise<void> {
  return bus().close();
}
