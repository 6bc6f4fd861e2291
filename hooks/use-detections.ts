'use client';

import { useQuery } from '@tanstack/react-query';
import type { TDetectionFilters } from './query-keys';
import { DEFAULT_DETECTION_FILTERS, detectionsQueryOptions } from './query-options';

/** The newest detections; kept current by useRealtimeDetections, not by refetching. */
export function useDetections(orgId: string, filters: TDetectionFilters = DEFAULT_DETECTION_FILTERS) {
  return useQuery(detectionsQueryOptions(orgId, filters));
}
