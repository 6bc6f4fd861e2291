'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
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
  return useMutation({
    mutationFn: () => fetchJson<{ detection: TDetection | null }>('/api/v1/reviews/next', { method: 'POST' }),
    onSuccess: ({ detection }) => {
      if (!detection) {
        toast.info('Nothing left to claim', { description: 'Every pending payment is held by someone, or the queue is empty.' });
        return;
      }
      apply([detection]);
      toast.success(`Order ${detection.externalId} is yours for 10 minutes`);
    },
    onError: (error) => toast.error('Could not claim the next payment', { description: error.message }),
  });
}

/** Claims (`hold: true`) or releases one item. */
export function useClaim(orgId: string) {
  const apply = useApply(orgId);
  const stale = useStaleOnConflict(orgId);
  return useMutation({
    mutationFn: (input: { detection: TDetection; hold: boolean }) =>
      fetchJson<{ detection: TDetection }>(`/api/v1/detections/${encodeURIComponent(input.detection.id)}/claim`, { method: input.hold ? 'POST' : 'DELETE' }),
    onSuccess: ({ detection }) => apply([detection]),
    onError: (error, input) => {
      toast.error(`Could not ${input.hold ? 'claim' : 'release'} order ${input.detection.externalId}`, { description: error.message });
      stale(error);
    },
  });
}

export type TBulkTarget = { ids: string[] } | { ip: string } | { attackId: string };

const PAST = { approve: 'Approved', block: 'Blocked' } as const;

/** One bulk review; the toast says how many were reviewed and why the others were skipped. */
export function useBulkReview(orgId: string) {
  const apply = useApply(orgId);
  const stale = useStaleOnConflict(orgId);
  const queryClient = useQueryClient();
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
      const text = `${PAST[input.action]} ${result.reviewed} payment${result.reviewed === 1 ? '' : 's'}`;
      if (skipped.length) toast.warning(`${text}; ${skipped.length} skipped`, { description: why.join(' · ') });
      else toast.success(text, { description: `Verdict ${input.verdict}.` });
      if (skipped.length) void queryClient.invalidateQueries({ queryKey: reviewKeys.queue(orgId) });
    },
    onError: (error) => {
      toast.error('Could not review the selection', { description: error.message });
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
