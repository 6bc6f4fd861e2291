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
import { createStreamCaches } from './stream-caches';
import { useRealtimeAlerts } from './use-realtime-alerts';

export type TRealtimeView = {
  state: TRealtimeState;
  lastEventAt: number | null;
  isPolling: boolean;
  /** leader: this tab holds the browser's stream; follower: another tab does. */
  role: TRealtimeStats['role'] | null;
};

const CONNECTING: TRealtimeView = { state: 'connecting', lastEventAt: null, isPolling: false, role: null };

/** The same object when nothing shown changed, so React skips the render. */
function viewOf(old: TRealtimeView, stats: TRealtimeStats): TRealtimeView {
  if (old.state === stats.state && old.lastEventAt === stats.lastEventAt && old.role === stats.role) return old;
  return { state: stats.state, lastEventAt: stats.lastEventAt, isPolling: stats.state === 'polling', role: stats.role };
}

/**
 * The org's live feed for this tab, on top of the realtime client (one stream
 * per browser, shared by its tabs): each event goes to the React Query caches
 * (./stream-caches.ts, no refetch) and to the alerts (./use-realtime-alerts.ts).
 */
export function useRealtimeDetections(orgId: string): TRealtimeView {
  const queryClient = useQueryClient();
  // Observing the first page keeps it cached on every page of the app, and its
  // streamCursor (read before the page) is where the stream must start.
  const firstPage = useQuery(detectionsQueryOptions(orgId));
  const ready = firstPage.data !== undefined;
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
    const report = () => setView((old) => viewOf(old, client.getStats()));

    const offs = [
      client.subscribe('state', (state) => {
        caches.state(state);
        report();
      }),
      client.subscribe('new_detections', (rows) => {
        alerts.detections(caches.newDetections(rows));
        report();
      }),
      client.subscribe('detection_updated', caches.detectionUpdates),
      // A follower's lists: the leader's tab refetched its own through onReset.
      client.subscribe('reset', () => {
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
    // Heartbeats move lastEventAt without any other event: keep the hover text fresh.
    const refresher = setInterval(report, 5_000);
    report();

    return () => {
      for (const off of offs) off();
      clearInterval(refresher);
      caches.stop();
      client.stop();
    };
  }, [orgId, ready, queryClient, alerts]);

  return firstPage.isError ? { ...view, state: 'offline', isPolling: false } : view;
}
