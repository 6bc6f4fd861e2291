'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { TDetection } from '@/lib/detections/schema';
import { playAlertSound } from '@/lib/notifications/sound';
import { notificationsStore } from '@/lib/notifications/store';
import {
  browserEnvironment,
  createRealtimeClient,
  createSharedRealtimeClient,
  fetchPoll,
  fetchTransport,
  type TRealtimeState,
  type TRealtimeStats,
} from '@/lib/realtime/client';
import { describeToastGroup, nextToastGroup, type TToastGroup } from './batch-toast';
import { applyRealtimeToReviewQueue } from './use-review-queue';
import { addTimelineEntry, type TAttack } from './war-room';
import { prependDetections, upsertDetections } from './detections-cache';
import { detectionKeys, reviewKeys, statsKeys, warRoomKeys } from './query-keys';
import { detectionsQueryOptions, type TDetectionsPage } from './query-options';


export type TRealtimeView = {
  state: TRealtimeState;
  lastEventAt: number | null;
  isPolling: boolean;
  /** leader: this tab holds the browser's stream; follower: another tab does. */
  role: TRealtimeStats['role'] | null;
};

/** Under attack batches arrive many times a second; the counters need not. */
const STATS_MIN_INTERVAL_MS = 2_000;

type TAttackPhase = 'started' | 'updated' | 'ended';

/** attack_started / attack_updated / attack_ended, read back to the contract's `attack` object. */
function subscribeToAttacks(client: { subscribe: ReturnType<typeof createSharedRealtimeClient>['subscribe'] }, onAttack: (attack: TAttack, phase: TAttackPhase) => void) {
  const phases = { attack_started: 'started', attack_updated: 'updated', attack_ended: 'ended' } as const;
  return (Object.keys(phases) as (keyof typeof phases)[]).map((type) =>
    client.subscribe(type, (attack) => onAttack(attack, phases[type])),
  );
}

/**
 * The org's live feed for this tab, on top of the realtime client (one
 * stream per browser, shared by its tabs): new detections go into the React
 * Query cache (no refetch), updated ones are replaced by id, the counters are
 * refreshed, toasts are grouped, and blocked or to-review payments reach the
 * notifications menu.
 */
export function useRealtimeDetections(orgId: string): TRealtimeView {
  const queryClient = useQueryClient();
  // Observing the first page keeps it cached on every page of the app, and its
  // streamCursor (read before the page) is where the stream must start.
  const firstPage = useQuery(detectionsQueryOptions(orgId));
  const ready = firstPage.data !== undefined;
  const [view, setView] = useState<TRealtimeView>({ state: 'connecting', lastEventAt: null, isPolling: false, role: null });

  useEffect(() => {
    if (!ready) return;
    const firstPageKey = detectionsQueryOptions(orgId).queryKey;
    let statsTimer: ReturnType<typeof setTimeout> | undefined;
    let statsRefreshedAt = 0;
    let toastGroup: TToastGroup | null = null;

    // Throttled, trailing. Cancel first: invalidating while the first stats
    // fetch is in flight would reuse that older answer instead of asking again.
    const refreshStats = () => {
      if (statsTimer !== undefined) return;
      statsTimer = setTimeout(async () => {
        statsTimer = undefined;
        statsRefreshedAt = Date.now();
        await queryClient.cancelQueries({ queryKey: statsKeys.all(orgId) });
        void queryClient.invalidateQueries({ queryKey: statsKeys.all(orgId) });
      }, Math.max(0, statsRefreshedAt + STATS_MIN_INTERVAL_MS - Date.now()));
    };

    const showToast = (batch: TDetection[]) => {
      toastGroup = nextToastGroup(toastGroup, batch, Date.now());
      const { title, description, tone } = describeToastGroup(toastGroup);
      toast[tone](title, { id: `detections-${orgId}-${toastGroup.id}`, description, duration: tone === 'success' ? 3_000 : 8_000 });
    };

    const applyBatch = (batch: TDetection[]) => {
      const known = new Set(queryClient.getQueryData(firstPageKey)?.detections.map((d) => d.id));
      const fresh = batch.filter((d) => !known.has(d.id));
      if (fresh.length === 0) return;
      for (const [key] of queryClient.getQueriesData<TDetectionsPage>({ queryKey: detectionKeys.all(orgId) })) {
        const filters = detectionKeys.filtersOf(key);
        // Only pages already loaded: a page still loading will include these rows itself.
        queryClient.setQueryData<TDetectionsPage>(key, (old) => old && prependDetections(old, fresh, filters));
      }
      refreshStats();
      showToast(fresh);
      const { urgent } = notificationsStore.recordDetections(fresh);
      if (urgent && notificationsStore.isSoundEnabled()) playAlertSound();
    };

    const refetchLists = async (): Promise<string | null> => {
      const before = queryClient.getQueryState(firstPageKey)?.dataUpdatedAt ?? 0;
      await queryClient.refetchQueries({ queryKey: detectionKeys.all(orgId) }).catch(() => undefined);
      void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
      refreshStats();
      const after = queryClient.getQueryState(firstPageKey);
      return after && after.dataUpdatedAt > before ? (after.data?.streamCursor ?? null) : null;
    };

    const client = createSharedRealtimeClient({
      key: orgId,
      cursor: queryClient.getQueryData(firstPageKey)?.streamCursor ?? null,
      environment: browserEnvironment,
      poll: fetchPoll,
      create: ({ cursor, environment, role }) =>
        createRealtimeClient({ transport: fetchTransport, poll: fetchPoll, cursor, environment, role, onReset: refetchLists }),
    });

    const report = () => {
      const stats = client.getStats();
      setView((old) =>
        old.state === stats.state && old.lastEventAt === stats.lastEventAt && old.role === stats.role
          ? old
          : { state: stats.state, lastEventAt: stats.lastEventAt, isPolling: stats.state === 'polling', role: stats.role },
      );
    };

    // Reviews made while this browser was disconnected are not replayed by the
    // stream (only new detections are): refetch the queue when it comes back.
    let wasLive = false;
    let everLive = false;
    const offs = [
      client.subscribe('state', (state) => {
        if (state === 'live' && !wasLive && everLive) void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
        wasLive = state === 'live';
        everLive ||= wasLive;
        report();
      }),
      client.subscribe('new_detections', (batch) => {
        applyBatch(batch);
        applyRealtimeToReviewQueue(queryClient, orgId, { added: batch });
        report();
      }),
      client.subscribe('detection_updated', (updated) => {
        for (const [key] of queryClient.getQueriesData<TDetectionsPage>({ queryKey: detectionKeys.all(orgId) })) {
          queryClient.setQueryData<TDetectionsPage>(key, (old) => old && upsertDetections(old, updated));
        }
        applyRealtimeToReviewQueue(queryClient, orgId, { updated });
        refreshStats();
      }),
      // A follower's lists: the leader's tab refetched its own through onReset.
      client.subscribe('reset', () => {
        if (client.getStats().role === 'follower') void refetchLists();
      }),
      ...subscribeToAttacks(client, (attack, phase) => {
        queryClient.setQueryData(warRoomKeys.attack(orgId), phase === 'ended' ? null : attack);
        // The war room polls faster if the stream fails, and the counters refresh every 2 s (useStats).
        client.setUrgent(phase !== 'ended');
        if (phase === 'started') {
          toast.error('Card-testing attack under way', {
            id: `attack-${attack.id}`,
            description: `${attack.attempts} attempts, ${attack.distinctCards} distinct cards. The war room is open on the dashboard.`,
            duration: 15_000,
            action: { label: 'War room', onClick: () => window.location.assign('/dashboard#war-room') },
          });
          addTimelineEntry(queryClient, orgId, { at: Date.now(), text: `Attack detected: ${attack.attempts} attempts, ${attack.distinctCards} distinct cards`, tone: 'danger' });
        } else if (phase === 'ended') {
          toast.success('The attack has ended', { id: `attack-${attack.id}`, description: `${attack.attempts} attempts in all, ${attack.blocked} blocked.` });
          addTimelineEntry(queryClient, orgId, { at: Date.now(), text: `Attack ended: ${attack.attempts} attempts, ${attack.blocked} blocked`, tone: 'success' });
        }
        refreshStats();
      }),
      client.subscribe('unauthorized', (status) => {
        // 401: signed out (here or in another tab). 403: no longer in this org: pick another.
        window.location.assign(status === 401 ? '/sign-in' : '/onboarding');
      }),
    ];
    // Heartbeats move lastEventAt without any other event: keep the hover text fresh.
    const refresher = setInterval(report, 5_000);
    report();

    return () => {
      for (const off of offs) off();
      clearInterval(refresher);
      clearTimeout(statsTimer);
      client.stop();
    };
  }, [orgId, ready, queryClient]);

  return firstPage.isError ? { ...view, state: 'offline', isPolling: false } : view;
}
