'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TDetection } from '@/lib/detections/schema';
import { describeBatch, laterCursor, prependDetections, upsertDetections } from './detections-cache';
import { parseStreamMessage } from './realtime-events';
import {
  detectionsKey,
  detectionsQueryOptions,
  statsKey,
  type TDetectionFilters,
  type TDetectionsPage,
} from './query-options';

export type TConnectionState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'offline';

const BACKOFF_START_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** Heartbeats come every 30 s: twice that in silence means the connection is dead. */
const DEAD_AFTER_MS = 60_000;
/** After this many failed stream attempts in a row, poll ?after= while retrying. */
const POLL_AFTER_FAILURES = 4;
const POLL_INTERVAL_MS = 5_000;
const MAX_REMEMBERED_IDS = 2_000;
/** Under attack batches arrive many times a second; the counters need not. */
const STATS_MIN_INTERVAL_MS = 2_000;

/**
 * Owns the org's one EventSource: new detections go into the React Query
 * cache (no refetch), stats are invalidated, one toast per batch. Resumes
 * from the last cursor after any failure, so nothing is lost or repeated.
 */
export function useRealtimeDetections(orgId: string): { state: TConnectionState; lastEventAt: number | null } {
  const queryClient = useQueryClient();
  // Observing the first page keeps it cached on every page of the app, and its
  // streamCursor (read before the page) is where the stream must start.
  const firstPage = useQuery(detectionsQueryOptions(orgId));
  const ready = firstPage.data !== undefined;
  const [state, setState] = useState<TConnectionState>('connecting');
  const [lastEventAt, setLastEventAt] = useState<number | null>(null);

  useEffect(() => {
    if (!ready) return;
    const firstPageKey = detectionsQueryOptions(orgId).queryKey;
    let cursor: string | null = queryClient.getQueryData(firstPageKey)?.streamCursor ?? null;
    let source: EventSource | null = null;
    let disposed = false;
    let live = false;
    let failures = 0;
    let polling = false;
    let pollFailing = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let deadTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setTimeout> | undefined;
    let statsTimer: ReturnType<typeof setTimeout> | undefined;
    let statsRefreshedAt = 0;
    // Ids already shown: a resumed stream or an overlapping poll may repeat rows.
    const seen = new Set<string>();

    const report = () => {
      if (disposed) return;
      setState(
        !navigator.onLine ? 'offline'
        : live ? 'live'
        : polling ? (pollFailing ? 'offline' : 'polling')
        : failures === 0 ? 'connecting'
        : 'reconnecting',
      );
    };

    // Throttled, trailing. Cancel first: invalidating while the first stats
    // fetch is in flight would reuse that older answer instead of asking again.
    const refreshStats = () => {
      if (statsTimer !== undefined) return;
      statsTimer = setTimeout(async () => {
        statsTimer = undefined;
        statsRefreshedAt = Date.now();
        await queryClient.cancelQueries({ queryKey: statsKey(orgId) });
        void queryClient.invalidateQueries({ queryKey: statsKey(orgId) });
      }, Math.max(0, statsRefreshedAt + STATS_MIN_INTERVAL_MS - Date.now()));
    };

    const applyBatch = (batch: TDetection[]) => {
      const known = new Set(queryClient.getQueryData(firstPageKey)?.detections.map((d) => d.id));
      const fresh = batch.filter((d) => !known.has(d.id) && !seen.has(d.id));
      for (const d of fresh) {
        seen.add(d.id);
        if (seen.size > MAX_REMEMBERED_IDS) seen.delete(seen.values().next().value as string);
      }
      if (fresh.length === 0) return;
      for (const [key] of queryClient.getQueriesData<TDetectionsPage>({ queryKey: detectionsKey(orgId) })) {
        const filters = (key[3] ?? {}) as Partial<TDetectionFilters>;
        // Only pages already loaded: a page still loading will include these rows itself.
        queryClient.setQueryData<TDetectionsPage>(key, (old) => old && prependDetections(old, fresh, filters));
      }
      refreshStats();
      const summary = describeBatch(fresh);
      // Allowed traffic is routine: its toast leaves sooner than a warning.
      toast[summary.tone](summary.title, { description: summary.description, duration: summary.tone === 'success' ? 2_500 : 6_000 });
    };

    const applyUpdates = (updated: TDetection[]) => {
      for (const [key] of queryClient.getQueriesData<TDetectionsPage>({ queryKey: detectionsKey(orgId) })) {
        queryClient.setQueryData<TDetectionsPage>(key, (old) => old && upsertDetections(old, updated));
      }
      refreshStats();
    };

    const closeStream = () => {
      clearTimeout(deadTimer);
      if (source) source.onmessage = source.onerror = null;
      source?.close();
      source = null;
    };

    const poll = async () => {
      if (disposed || !polling || cursor === null) return;
      let next = POLL_INTERVAL_MS;
      try {
        const page = await fetchJson<{ detections: TDetection[]; cursor: string; hasMore: boolean }>(
          `/api/v1/detections?after=${encodeURIComponent(cursor)}`,
        );
        if (disposed || !polling) return; // the stream is back and resumes from its own cursor
        cursor = laterCursor(cursor, page.cursor);
        pollFailing = false;
        setLastEventAt(Date.now());
        applyBatch(page.detections);
        if (page.hasMore) next = 0;
      } catch {
        pollFailing = true;
      }
      report();
      pollTimer = setTimeout(() => void poll(), next);
    };

    const stopPolling = () => {
      polling = false;
      pollFailing = false;
      clearTimeout(pollTimer);
    };

    const fail = () => {
      closeStream();
      live = false;
      failures += 1;
      if (failures >= POLL_AFTER_FAILURES && !polling) {
        polling = true;
        void poll();
      }
      report();
      // Offline, the 'online' event reconnects at once; the slow retry only
      // covers browsers whose navigator.onLine is wrong.
      const delay = navigator.onLine ? Math.min(BACKOFF_START_MS * 2 ** (failures - 1), BACKOFF_MAX_MS) : BACKOFF_MAX_MS;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, delay);
    };

    const armDeadTimer = () => {
      clearTimeout(deadTimer);
      deadTimer = setTimeout(fail, DEAD_AFTER_MS);
    };

    // `reset`: the server can no longer serve our cursor. Refetch the page and
    // start again from its streamCursor, as on first connect. The old cursor is
    // dropped first so a failed refetch cannot loop on it.
    const restart = async () => {
      closeStream();
      live = false;
      cursor = null;
      report();
      const before = queryClient.getQueryState(firstPageKey)?.dataUpdatedAt ?? 0;
      await queryClient.refetchQueries({ queryKey: detectionsKey(orgId) }).catch(() => undefined);
      if (disposed) return;
      const after = queryClient.getQueryState(firstPageKey);
      if (after && after.dataUpdatedAt > before) cursor = after.data?.streamCursor ?? null;
      refreshStats();
      connect();
    };

    function connect() {
      if (disposed) return;
      clearTimeout(retryTimer);
      closeStream();
      const es = new EventSource('/api/v1/events' + (cursor ? `?lastEventId=${encodeURIComponent(cursor)}` : ''));
      source = es;
      armDeadTimer();
      report();
      es.onmessage = (event: MessageEvent<string>) => {
        armDeadTimer();
        setLastEventAt(Date.now());
        if (event.lastEventId) cursor = laterCursor(cursor, event.lastEventId);
        const message = parseStreamMessage(event.data);
        if (message?.type === 'connected') {
          live = true;
          failures = 0;
          stopPolling();
          report();
        } else if (message?.type === 'new_detections') applyBatch(message.data);
        else if (message?.type === 'detection_updated') applyUpdates(message.data);
        else if (message?.type === 'reset') void restart();
      };
      // EventSource would retry by itself, but with the URL's stale cursor and
      // no backoff: close it and reconnect on our own terms.
      es.onerror = fail;
    }

    const onOnline = () => {
      if (live) return; // a spurious event: the stream is fine
      failures = 0;
      connect();
    };
    const onOffline = () => (source ? fail() : report());

    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    failures = 0;
    connect();

    return () => {
      disposed = true;
      closeStream();
      stopPolling();
      clearTimeout(retryTimer);
      clearTimeout(statsTimer);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    };
  }, [orgId, ready, queryClient]);

  return { state: firstPage.isError ? 'offline' : state, lastEventAt };
}
