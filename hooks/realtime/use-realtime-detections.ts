'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  browserEnvironment,
  createRealtimeClient,
  createSharedRealtimeClient,
  fetchPoll,
  fetchTransport,
  type TRealtimeState,
  type TRealtimeStats,
} from '@/lib/realtime/client';
import { ATTACK_EVENTS, ATTACK_PHASE_OF } from '../cache/war-room';
import { detectionsQueryOptions } from '../query-options';
import { createCoalescer, mergeChanges, type TFeedChange } from './coalesce';
import { connectionProblem, type TConnectionProblem } from './staleness';
import { createStreamCaches } from './stream-caches';
import { useRealtimeAlerts } from './use-realtime-alerts';

export type TRealtimeView = {
  state: TRealtimeState;
  lastEventAt: number | null;
  isPolling: boolean;
  /** leader: this tab holds the browser's stream; follower: another tab does. */
  role: TRealtimeStats['role'] | null;
  /** Why the feed is not live, when that can be told: no network here, or a server that refused or failed. */
  problem: TConnectionProblem;
};

const CONNECTING: TRealtimeView = { state: 'connecting', lastEventAt: null, isPolling: false, role: null, problem: null };

const loaded = () => true as const;

const isOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine);

/** The same object when nothing shown changed, so React skips the render. */
function viewOf(old: TRealtimeView, stats: TRealtimeStats): TRealtimeView {
  const problem = connectionProblem({ state: stats.state, online: isOnline(), paused: stats.paused, lastFailure: stats.lastFailure });
  if (old.state === stats.state && old.lastEventAt === stats.lastEventAt && old.role === stats.role && old.problem === problem) return old;
  return { state: stats.state, lastEventAt: stats.lastEventAt, isPolling: stats.state === 'polling', role: stats.role, problem };
}

/**
 * The org's live feed for this tab, on top of the realtime client (one stream
 * per browser, shared by its tabs): each event goes to the React Query caches
 * (./stream-caches.ts, no refetch) and to the alerts (./use-realtime-alerts.ts).
 * Detections are applied in coalesced batches (./coalesce.ts): at most four
 * renders a second however fast the stream runs.
 */
export function useRealtimeDetections(orgId: string): TRealtimeView {
  const queryClient = useQueryClient();
  // Observing the first page keeps it cached on every page of the app, and its
  // streamCursor (read before the page) is where the stream must start. Selected
  // down to "loaded": the shell must not re-render each time the stream adds rows.
  const firstPage = useQuery({ ...detectionsQueryOptions(orgId), select: loaded });
  const ready = firstPage.data === true;
  const alerts = useRealtimeAlerts(orgId);
  const [view, setView] = useState<TRealtimeView>(CONNECTING);

  useEffect(() => {
    if (!ready) return;
    const caches = createStreamCaches(queryClient, orgId);
    const client = createSharedRealtimeClient({
      key: orgId,
      cursor: caches.startCursor(),
      environment: browserEnvironment,
      poll: fetchPoll,
      create: (options) => createRealtimeClient({ ...options, transport: fetchTransport, poll: fetchPoll, onReset: caches.refetchAll }),
    });
    // Not on every batch (each moves lastEventAt and would re-render the shell): on
    // state and network changes, and every 5 s for the badge's "last message" time.
    const report = () => setView((old) => viewOf(old, client.getStats()));
    const feed = createCoalescer<TFeedChange>({
      flush(changes) {
        for (const change of mergeChanges(changes)) {
          if (change.kind === 'new') alerts.detections(caches.newDetections(change.rows));
          else caches.detectionUpdates(change.rows);
        }
      },
    });

    const offs = [
      client.subscribe('state', (state) => {
        caches.state(state);
        report();
      }),
      client.subscribe('new_detections', (rows) => feed.push({ kind: 'new', rows })),
      client.subscribe('detection_updated', (rows) => feed.push({ kind: 'updated', rows })),
      // A follower's lists: the leader's tab refetched its own through onReset.
      client.subscribe('reset', () => {
        feed.flushNow();
        if (client.getStats().role === 'follower') void caches.refetchAll();
      }),
      ...ATTACK_EVENTS.map((type) =>
        client.subscribe(type, (attack) => {
          const phase = ATTACK_PHASE_OF[type];
          caches.attack(attack, phase);
          // The war room polls faster if the stream fails, and the counters refresh every 2 s (useStats).
          client.setUrgent(phase !== 'ended');
          alerts.attack(attack, phase);
        }),
      ),
      client.subscribe('unauthorized', alerts.unauthorized),
    ];
    // Network changes: "no network" versus "server unreachable" follows navigator.onLine.
    window.addEventListener('online', report);
    window.addEventListener('offline', report);
    // Heartbeats move lastEventAt without any other event: keep the hover text fresh.
    const refresher = setInterval(report, 5_000);
    report();

    return () => {
      for (const off of offs) off();
      feed.stop();
      window.removeEventListener('online', report);
      window.removeEventListener('offline', report);
      clearInterval(refresher);
      caches.stop();
      client.stop();
    };
  }, [orgId, ready, queryClient, alerts]);

  return firstPage.isError ? { ...view, state: 'offline', isPolling: false } : view;
}
