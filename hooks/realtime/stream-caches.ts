import type { QueryClient } from '@tanstack/react-query';
import type { TAttack } from '@/lib/attacks/schema';
import type { TDetection } from '@/lib/detections/schema';
import type { TRealtimeState } from '@/lib/realtime/client';
import { statsRefreshDelayMs } from '../cache/stats';
import type { TAttackPhase } from '../cache/war-room';
import { writeAttackEvent, writeDetectionUpdates, writeNewDetections, writeQueueChanges } from '../cache/write';
import { detectionKeys, reviewKeys, statsKeys } from '../query-keys';
import { detectionsQueryOptions } from '../query-options';

// One org's caches as the stream sees them: each event handler writes what
// the event changes (../cache/write.ts) and asks for what it cannot compute
// (the counters, throttled; the review queue after a gap). No toasts, no
// navigation: those are ./use-realtime-alerts.ts.

export type TStreamCaches = {
  /** Where the stream starts: the first page's streamCursor, read before the page. */
  startCursor(): string | null;
  /** Returns the rows the first page did not show yet, for the alerts. */
  newDetections(rows: TDetection[]): TDetection[];
  detectionUpdates(rows: TDetection[]): void;
  attack(attack: TAttack, phase: TAttackPhase): void;
  state(state: TRealtimeState): void;
  /** After a reset: refetch every list; the new streamCursor when the first page came back, else null. */
  refetchAll(): Promise<string | null>;
  stop(): void;
};

export function createStreamCaches(queryClient: QueryClient, orgId: string): TStreamCaches {
  const firstPageKey = detectionsQueryOptions(orgId).queryKey;
  let statsTimer: ReturnType<typeof setTimeout> | undefined;
  let statsRefreshedAt = 0;
  let wasLive = false;
  let everLive = false;

  // Throttled, trailing. Cancel first: invalidating while the first stats
  // fetch is in flight would reuse that older answer instead of asking again.
  const refreshStats = () => {
    if (statsTimer !== undefined) return;
    statsTimer = setTimeout(async () => {
      statsTimer = undefined;
      statsRefreshedAt = Date.now();
      await queryClient.cancelQueries({ queryKey: statsKeys.all(orgId) });
      void queryClient.invalidateQueries({ queryKey: statsKeys.all(orgId) });
    }, statsRefreshDelayMs(statsRefreshedAt, Date.now()));
  };
  const refetchReviewQueue = () => void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });

  return {
    startCursor: () => queryClient.getQueryData(firstPageKey)?.streamCursor ?? null,
    newDetections(rows) {
      const fresh = writeNewDetections(queryClient, orgId, rows);
      if (fresh.length > 0) refreshStats();
      writeQueueChanges(queryClient, orgId, { added: rows });
      return fresh;
    },
    detectionUpdates(rows) {
      writeDetectionUpdates(queryClient, orgId, rows);
      writeQueueChanges(queryClient, orgId, { updated: rows });
      refreshStats();
    },
    attack(attack, phase) {
      writeAttackEvent(queryClient, orgId, attack, phase);
      refreshStats();
    },
    // Reviews made while this browser was disconnected are not replayed by the
    // stream (only new detections are): refetch the queue when it comes back.
    state(state) {
      if (state === 'live' && !wasLive && everLive) refetchReviewQueue();
      wasLive = state === 'live';
      everLive ||= wasLive;
    },
    async refetchAll() {
      const before = queryClient.getQueryState(firstPageKey)?.dataUpdatedAt ?? 0;
      await queryClient.refetchQueries({ queryKey: detectionKeys.all(orgId) }).catch(() => undefined);
      refetchReviewQueue();
      refreshStats();
      const after = queryClient.getQueryState(firstPageKey);
      return after && after.dataUpdatedAt > before ? (after.data?.streamCursor ?? null) : null;
    },
    stop: () => clearTimeout(statsTimer),
  };
}
