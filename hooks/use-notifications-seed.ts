'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchJson } from '@/lib/api-client';
import type { TDetection } from '@/lib/detections/schema';
import { notificationsStore } from '@/lib/notifications/store';
import { notificationKeys } from './query-keys';

// The notifications menu shows what needs attention when a tab opens, not
// only what arrived while it was open: the newest REVIEW and BLOCK detections
// from the API (one filter per request: the API takes one decision at a time).

export const RECENT_PER_DECISION = 20;

export function recentFlaggedQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: notificationKeys.recent(orgId),
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        (['REVIEW', 'BLOCK'] as const).map((decision) =>
          fetchJson<{ detections: TDetection[] }>(`/api/v1/detections?decision=${decision}&limit=${RECENT_PER_DECISION}`, { signal }),
        ),
      );
      return pages.flatMap((p) => p.detections);
    },
    // Once per tab: the stream brings everything after it.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Reads the recent flagged detections and hands them to the notifications store (which skips what it has). */
export function useNotificationsSeed(orgId: string): void {
  const { data } = useQuery(recentFlaggedQueryOptions(orgId));
  useEffect(() => {
    if (data) notificationsStore.seedDetections(data);
  }, [data]);
}
