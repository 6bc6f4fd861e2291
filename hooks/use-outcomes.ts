'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TDetection } from '@/lib/detections/schema';
import { writeDetectionUpdates } from './cache/write';
import { detectionQueryOptions } from './use-detection';
import { useErrorText } from './use-error-text';

// An analyst's label on a detection ("Mark as fraud" / "Mark as legit"):
// POST /api/v1/detections/:id/events. Other dashboards see it through the
// stream (detection_updated); this tab writes the new row at once.

export type TLabelChoice = 'fraud_confirmed' | 'legit_confirmed';

export function useLabelDetection(orgId: string) {
  const queryClient = useQueryClient();
  const t = useTranslations('detection.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (input: { detection: TDetection; type: TLabelChoice; reason?: string }) =>
      fetchJson<{ event: { id: string } }>(`/api/v1/detections/${encodeURIComponent(input.detection.id)}/events`, {
        method: 'POST',
        body: JSON.stringify({ type: input.type, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}) }),
      }),
    onSuccess: async (_, input) => {
      toast.success(t('labelled', { id: input.detection.externalId, type: input.type }));
      // The answer is the event; the detection as it now stands (timeline, label) is one read away.
      const { detection } = await queryClient.fetchQuery({ ...detectionQueryOptions(orgId, input.detection.id), staleTime: 0 });
      writeDetectionUpdates(queryClient, orgId, [detection]);
    },
    onError: (error) => toast.error(t('labelFailed'), { description: errorText(error) }),
  });
}
