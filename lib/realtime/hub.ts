import { withOrgTransaction } from '@/lib/db';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { compareCursors, type TCursor } from '@/lib/stream-protocol';
import { onNudge } from '@/lib/nudge';
import { feedExtensions } from './extensions';
import { checkViewers, currentCursor, readDetectionUpdatesAfter, readDetectionsAfter } from './feed';
import { catchUpReads, type TCatchUpSubscriber } from './catch-up';
import { OrgPoller, type TPollerSource, type TSubscriber } from './org-poller';
import { prometheusRegistry } from './prometheus';

/** Pages one stream may read to catch up (500 rows each): five million rows. */
const MAX_CATCH_UP_PAGES = 10_000;

/**
 * The event hub: one poller per organization with open streams on this
 * instance (REALTIME_STRATEGY=hub), or one per stream (per-connection, kept
 * for the benchmark). Database work follows the number of watched orgs.
 */
class Hub {
  private readonly pollers = new Map<string, OrgPoller>();
  private readonly orgOfKey = new Map<string, string>();
  private unsubscribeNudges: (() => void) | undefined;

  get activePollers(): number {
    return this.pollers.size;
  }

  // One transaction per poll, whatever it reads: the benchmark counts them.
  // Its statements are independent, so they are pipelined on the connection
  // (postgres.js sends them without waiting): about one round trip, not four.
  private source(orgId: string): TPollerSource {
    return {
      read: ({ cursor, viewers, updatesCursor, watchers }) =>
        withOrgTransaction(orgId, async (db) => {
          const [batch, updates, access, ...extensions] = await Promise.all([
            readDetectionsAfter({ db, orgId, cursor }),
            readDetectionUpdatesAfter({ db, orgId, cursor: updatesCursor }),
            viewers ? checkViewers({ db, orgId, sessionIds: viewers }) : undefined,
            ...watchers.map((w) => w.read({ db, orgId })),
          ]);
          return { batch, updates, extensions, ...access };
        }),
    };
  }

  private ensureNudges() {
    this.unsubscribeNudges ??= onNudge((orgId) => {
      if (env().REALTIME_STRATEGY === 'hub') return this.pollers.get(orgId)?.nudge();
      for (const [key, poller] of this.pollers) if (this.orgOfKey.get(key) === orgId) poller.nudge();
    });
  }

  /** Where a stream without a cursor starts: the org poller's position, or the horizon. */
  async presentCursor(orgId: string): Promise<TCursor> {
    const poller = env().REALTIME_STRATEGY === 'hub' ? this.pollers.get(orgId) : undefined;
    return poller?.position ?? this.horizon(orgId);
  }

  /** The database's delivery horizon now (pg_snapshot_xmin): no served cursor can be beyond it. */
  horizon(orgId: string): Promise<TCursor> {
    return withOrgTransaction(orgId, (db) => currentCursor(db));
  }

  /**
   * Attaches a stream. A stream behind the shared feed first catches up with
   * its own paged reads up to the feed's position, then joins it; from then
   * on it receives exactly what the poller reads, filtered past its cursor.
   * A resuming stream on an org without a poller catches up to the horizon
   * the same way before it starts one (a poller started at its old cursor
   * would replay everything back to back). Catch-up goes at the client's pace
   * and a few reads at a time in the process (catch-up.ts).
   */
  async subscribe(orgId: string, sub: TCatchUpSubscriber, options: { catchUp: boolean }): Promise<() => void> {
    this.ensureNudges();
    const key = env().REALTIME_STRATEGY === 'hub' ? orgId : `${orgId}#${sub.id}`;
    let behindHorizon = options.catchUp;
    for (let page = 0; page < MAX_CATCH_UP_PAGES; page++) {
      if (sub.closed) return () => {};
      const poller = this.pollers.get(key);
      if (poller ? compareCursors(sub.cursor, poller.position) >= 0 : !behindHorizon) {
        return this.attach(key, orgId, sub, { pollNow: options.catchUp && !poller });
      }
      // The client's pace: the next page once it has taken most of the last one.
      if (!(await sub.waitForRoom())) return () => {};
      // A poller started or stopped meanwhile: decide again.
      if (this.pollers.get(key) !== poller) continue;
      const target = poller?.position;
      const batch = await catchUpReads().run(async () =>
        sub.closed ? undefined : withOrgTransaction(orgId, (db) => readDetectionsAfter({ db, orgId, cursor: sub.cursor, upTo: target })),
      );
      if (!batch || sub.closed) return () => {};
      if (batch.detections.length > 0 && !sub.deliver(batch.detections, batch.cursor)) return () => {};
      if (batch.hasMore) continue;
      // Nothing left below the target: the stream is level with the feed (or the horizon, without one).
      if (target) sub.cursor = target;
      else behindHorizon = false;
    }
    throw new Error('catch-up did not converge');
  }

  private attach(key: string, orgId: string, sub: TSubscriber, options: { pollNow: boolean }): () => void {
    let poller = this.pollers.get(key);
    if (!poller) {
      poller = new OrgPoller(
        key,
        sub.cursor,
        {
          source: this.source(orgId),
          watchers: feedExtensions().map((e) => e.createWatcher()),
          intervalMs: env().REALTIME_POLL_INTERVAL_MS,
          log: logger(),
          onIdle: (p) => {
            if (this.pollers.get(key) === p) {
              this.pollers.delete(key);
              this.orgOfKey.delete(key);
            }
          },
        },
        // Detection updates start at the horizon. A stream that did not resume
        // starts at it (read when it connected); a resuming one polls at once
        // and the first read finds it.
        options.pollNow ? undefined : { txId: sub.cursor.txId, seq: 0 },
      );
      this.pollers.set(key, poller);
      this.orgOfKey.set(key, orgId);
    }
    poller.add(sub, options);
    const attached = poller;
    return () => attached.remove(sub);
  }
}

export function hub(): Hub {
  return processState('realtime.hub', () => {
    // Build the Prometheus registry now, so its histograms see the first polls.
    prometheusRegistry();
    return new Hub();
  });
}
