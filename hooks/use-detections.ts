'use client';

import { useQuery } from '@tanstack/react-query';
import { DEFAULT_DETECTION_FILTERS, detectionsQueryOptions, type TDetectionFilters } from './query-options';

/** The newest detections; kept current by useRealtimeDetections, not by refetching. */
export function useDetections(orgId: string, filters: TDetectionFilters = DEFAULT_DETECTION_FILTERS) {
  return useQuery(detectionsQueryOptions(orgId, filters));
}
