'use client';

import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchJson } from '@/lib/api-client';
import type { TRelated } from '@/lib/detections/related';
import type { TDetection } from '@/lib/detections/schema';
import { detectionDetailKeys } from './query-keys';
import { detectionsQueryOptions } from './query-options';

// One detection (GET /api/v1/detections/:id) and its related activity (…/related), for the
// detection page and the dashboard's drawer.

export function detectionQueryOptions(orgId: string, id: string) {
  return queryOptions({
    queryKey: detectionDetailKeys.detail(orgId, id),
    queryFn: ({ signal }) => fetchJson<{ detection: TDetection }>(`/api/v1/detections/${encodeURIComponent(id)}`, { signal }),
    select: (data) => data.detection,
    retry: false,
  });
}

export function relatedQueryOptions(orgId: string, id: string) {
  return queryOptions({
    queryKey: detectionDetailKeys.related(orgId, id),
    queryFn: ({ signal }) => fetchJson<{ related: TRelated }>(`/api/v1/detections/${encodeURIComponent(id)}/related`, { signal }),
    select: (data) => data.related,
    // The windows end at the detection, so new payments never change the figures; a review of one
    // of the rows counted does (useRefreshOnReview), and a minute's staleness is fine for the rest.
    staleTime: 60_000,
    retry: false,
  });
}

export function useRelated(orgId: string, id: string) {
  return useQuery(relatedQueryOptions(orgId, id));
}

/**
 * The detection page's row: fetched once, then the live row whenever the dashboard's first page
 * (kept current by the stream) holds it, so a review by anyone shows at once, as in the drawer.
 */
export function useDetection(orgId: string, id: string) {
  const fetched = useQuery(detectionQueryOptions(orgId, id));
  const live = useQuery({ ...detectionsQueryOptions(orgId), select: (page) => page.detections.find((d) => d.id === id) ?? null });
  return { ...fetched, data: live.data ?? fetched.data };
}

/**
 * A review made in this tab (ReviewActions' mutation, whoever renders it) changes the detection and
 * the decisions counted around it: refresh both. Read from the mutation cache because the review
 * form belongs to the review queue and knows nothing of this page.
 */
export function useRefreshOnReview(orgId: string, id: string) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        const mutation = event.mutation;
        if (event.type !== 'updated' || mutation?.state.status !== 'success') return;
        const variables = mutation.state.variables as { detection?: { id?: string } } | undefined;
        if (variables?.detection?.id !== id) return;
        void queryClient.invalidateQueries({ queryKey: detectionDetailKeys.detail(orgId, id) });
      }),
    [queryClient, orgId, id],
  );
}
