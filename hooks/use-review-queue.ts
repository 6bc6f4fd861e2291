'use client';

import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useErrorText } from './use-error-text';
import { ApiError, fetchJson } from '@/lib/api-client';
import type { TDetection } from '@/lib/detections/schema';
import type { TReviewAction, TReviewQueuePage, TReviewVerdict } from '@/lib/reviews/schema';
import { writeDetectionUpdates, writeQueueChanges } from './cache/write';
import { reviewKeys } from './query-keys';

// The analyst's review queue. The stream keeps it current (writeQueueChanges);
// a slow refetch is only the safety net.

export const REVIEW_PAGE_SIZE = 50;

export function reviewQueueQueryOptions(orgId: string) {
  return infiniteQueryOptions({
    queryKey: reviewKeys.queue(orgId),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(REVIEW_PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      return fetchJson<TReviewQueuePage>(`/api/v1/reviews?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
}

export function useReviewQueue(orgId: string) {
  return useInfiniteQuery(reviewQueueQueryOptions(orgId));
}


/** Approve or block one detection; the row leaves the queue at once and every table shows the new decision. */
export function useReviewDetection(orgId: string) {
  const queryClient = useQueryClient();
  const t = useTranslations('review.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: { detection: TDetection; action: TReviewAction; note?: string; verdict?: TReviewVerdict }) =>
      fetchJson<{ detection: TDetection }>(`/api/v1/detections/${encodeURIComponent(input.detection.id)}/review`, {
        method: 'POST',
        body: JSON.stringify({
          action: input.action,
          ...(input.note?.trim() ? { note: input.note.trim() } : {}),
          ...(input.verdict ? { verdict: input.verdict } : {}),
        }),
      }),
    // A refetch in flight read the queue before this review: its answer would bring the row back.
    onMutate: () => queryClient.cancelQueries({ queryKey: reviewKeys.queue(orgId) }),
    onSuccess: ({ detection }, input) => {
      writeQueueChanges(queryClient, orgId, { updated: [detection] });
      writeDetectionUpdates(queryClient, orgId, [detection]);
      toast.success(t('reviewed', { action: input.action, order: detection.externalId }), {
        description: input.verdict ? t('reviewedDetailVerdict', { action: input.action, verdict: input.verdict }) : t('reviewedDetail', { action: input.action }),
      });
    },
    onError: (error, input) => {
      toast.error(t('reviewFailed', { action: input.action, order: input.detection.externalId }), { description: errorText(error) });
      // Someone else reviewed it, or it is gone: the queue is stale, read it again.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
      }
    },
  });
}
