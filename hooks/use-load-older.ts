'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { appendOlderDetections } from './cache/detections';
import { detectionKeys, type TDetectionFilters } from './query-keys';
import { detectionListParams, type TDetectionsPage } from './query-options';
import { useErrorText } from './use-error-text';

// "Load more" under the detections table: the next older page of the same
// filters, appended to the cached page the stream writes into (one list, so
// a live row and a loaded row can never both show: ./cache/detections.ts
// dedupes by id).

/** Whether the list has older rows to fetch. */
export const hasOlder = (page: TDetectionsPage | undefined) => Boolean(page && (page.nextCursor || page.resumeBefore));

/**
 * The query for the next older page: nextCursor when it still follows the
 * list's last row; after live rows pushed rows out of the bounded list, the
 * rows before the last one kept (`to` is exclusive: one millisecond later,
 * and the rows of that millisecond already listed are skipped).
 */
export function olderPageParams(filters: TDetectionFilters, page: TDetectionsPage): URLSearchParams | null {
  const params = detectionListParams(filters);
  if (page.nextCursor) {
    params.set('cursor', page.nextCursor);
    return params;
  }
  if (!page.resumeBefore) return null;
  const resume = Date.parse(page.resumeBefore) + 1;
  const to = filters.to ? Math.min(Date.parse(filters.to), resume) : resume;
  params.set('to', new Date(to).toISOString());
  return params;
}

export function useLoadOlder(orgId: string, filters: TDetectionFilters | null) {
  const queryClient = useQueryClient();
  const t = useTranslations('investigation.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: async () => {
      if (!filters) return;
      const key = detectionKeys.page(orgId, filters);
      const page = queryClient.getQueryData<TDetectionsPage>(key);
      const params = page && olderPageParams(filters, page);
      if (!params) return;
      const older = await fetchJson<TDetectionsPage>(`/api/v1/detections?${params}`);
      queryClient.setQueryData<TDetectionsPage>(key, (old) => old && appendOlderDetections(old, older));
    },
    onError: (error) => toast.error(t('olderFailed', { error: errorText(error) })),
  });
}
