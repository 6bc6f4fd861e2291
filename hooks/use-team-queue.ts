'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { useErrorText } from './use-error-text';
import { ApiError, fetchJson } from '@/lib/api-client';
import { authClient } from '@/lib/auth/client';
import type { TDetection } from '@/lib/detections/schema';
import type { TBulkReviewResult, TReviewAction, TReviewVerdict } from '@/lib/reviews/schema';
import { writeDetectionUpdates, writeQueueChanges } from './cache/write';
import { reviewKeys } from './query-keys';

// The team side of the review queue: claims (next, one item, release) and
// bulk reviews. Each writes what the server answered into the caches at once;
// other dashboards learn it from the stream (detection_updated).

function useApply(orgId: string) {
  const queryClient = useQueryClient();
  return (rows: TDetection[]) => {
    writeQueueChanges(queryClient, orgId, { updated: rows });
    writeDetectionUpdates(queryClient, orgId, rows);
  };
}

function useStaleOnConflict(orgId: string) {
  const queryClient = useQueryClient();
  return (error: Error) => {
    if (error instanceof ApiError && (error.status === 409 || error.status === 404)) void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
  };
}

/** Claims the oldest pending item nobody holds; resolves to it, or null when there is none. */
export function useClaimNext(orgId: string) {
  const apply = useApply(orgId);
  const t = useTranslations('review.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: () => fetchJson<{ detection: TDetection | null }>('/api/v1/reviews/next', { method: 'POST' }),
    onSuccess: ({ detection }) => {
      if (!detection) {
        toast.info(t('nothingToClaim'), { description: t('nothingToClaimDetail') });
        return;
      }
      apply([detection]);
      toast.success(t('claimed', { order: detection.externalId }));
    },
    onError: (error) => toast.error(t('claimNextFailed'), { description: errorText(error) }),
  });
}

/** Claims (`hold: true`) or releases one item. */
export function useClaim(orgId: string) {
  const apply = useApply(orgId);
  const stale = useStaleOnConflict(orgId);
  const t = useTranslations('review.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: { detection: TDetection; hold: boolean }) =>
      fetchJson<{ detection: TDetection }>(`/api/v1/detections/${encodeURIComponent(input.detection.id)}/claim`, { method: input.hold ? 'POST' : 'DELETE' }),
    onSuccess: ({ detection }) => apply([detection]),
    onError: (error, input) => {
      toast.error(t('claimFailed', { hold: String(input.hold), order: input.detection.externalId }), { description: errorText(error) });
      stale(error);
    },
  });
}

export type TBulkTarget = { ids: string[] } | { ip: string } | { attackId: string };

/** One bulk review; the toast says how many were reviewed and why the others were skipped. */
export function useBulkReview(orgId: string) {
  const apply = useApply(orgId);
  const stale = useStaleOnConflict(orgId);
  const queryClient = useQueryClient();
  const t = useTranslations('review.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: { target: TBulkTarget; action: TReviewAction; verdict: TReviewVerdict; note?: string }) =>
      fetchJson<TBulkReviewResult>('/api/v1/reviews/bulk', {
        method: 'POST',
        body: JSON.stringify({ ...input.target, action: input.action, verdict: input.verdict, ...(input.note?.trim() ? { note: input.note.trim() } : {}) }),
      }),
    onMutate: () => queryClient.cancelQueries({ queryKey: reviewKeys.queue(orgId) }),
    onSuccess: (result, input) => {
      apply(result.results.flatMap((r) => (r.detection ? [r.detection] : [])));
      const skipped = result.results.filter((r) => r.result !== 'reviewed');
      const why = skipped.slice(0, 3).map((r) => `${r.externalId ?? r.id}: ${r.message ?? r.result}`);
      const counts = { action: input.action, count: result.reviewed, skipped: skipped.length };
      if (skipped.length) toast.warning(t('bulkSkipped', counts), { description: why.join(' · ') });
      else toast.success(t('bulk', counts), { description: t('bulkVerdict', { verdict: input.verdict }) });
      if (skipped.length) void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
    },
    onError: (error) => {
      toast.error(t('bulkFailed'), { description: errorText(error) });
      stale(error);
    },
  });
}

/** The signed-in user's id (to tell "yours" from someone else's claim), null until the session is read. */
export function useCurrentUserId(): string | null {
  return authClient.useSession().data?.user.id ?? null;
}

/** The clock, ticking every `ms`: ages move and lapsed claims disappear without any event. */
export function useNow(ms = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
