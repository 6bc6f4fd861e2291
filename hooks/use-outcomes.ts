'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError, fetchJson } from '@/lib/api-client';
import type { TDetection } from '@/lib/detections/schema';
import { writeDetectionUpdates } from './cache/write';
import { detectionQueryOptions } from './use-detection';

// An analyst's label on a detection ("Mark as fraud" / "Mark as legit"):
// POST /api/v1/detections/:id/events. Other dashboards see it through the
// stream (detection_updated); this tab writes the new row at once.

export type TLabelChoice = 'fraud_confirmed' | 'legit_confirmed';

const SAID = { fraud_confirmed: 'fraud', legit_confirmed: 'legit' } as const;

export function useLabelDetection(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { detection: TDetection; type: TLabelChoice; reason?: string }) =>
      fetchJson<{ event: { id: string } }>(`/api/v1/detections/${encodeURIComponent(input.detection.id)}/events`, {
        method: 'POST',
        body: JSON.stringify({ type: input.type, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}) }),
      }),
    onSuccess: async (_, input) => {
      toast.success(`Order ${input.detection.externalId} marked as ${SAID[input.type]}`);
      // The answer is the event; the detection as it now stands (timeline, label) is one read away.
      const { detection } = await queryClient.fetchQuery({ ...detectionQueryOptions(orgId, input.detection.id), staleTime: 0 });
      writeDetectionUpdates(queryClient, orgId, [detection]);
    },
    onError: (error) => toast.error(error instanceof ApiError ? error.message : 'Could not record the label. Try again.'),
  });
}
