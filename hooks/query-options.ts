import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import type { TApiKey } from '@/lib/api-keys/keys';
import type { TDetection } from '@/lib/detections/schema';
import type { TStats } from '@/lib/detections/stats';

// Every key starts with ['org', orgId] so that switching organizations never
// shows one org's cached data under another, and one prefix drops them all.

export type TDetectionFilters = { limit: number; decision?: TDetection['decision'] };
export type TDetectionsPage = { detections: TDetection[]; nextCursor: string | null; streamCursor: string };
export type TApiKeysList = { apiKeys: TApiKey[] };
export type TCreatedApiKey = { id: string; name: string; key: string; prefix: string; createdAt: string };

export const DEFAULT_DETECTION_FILTERS: TDetectionFilters = { limit: 50 };

export const orgKey = (orgId: string) => ['org', orgId] as const;
export const detectionsKey = (orgId: string) => [...orgKey(orgId), 'detections'] as const;
export const statsKey = (orgId: string) => [...orgKey(orgId), 'stats'] as const;
export const apiKeysKey = (orgId: string) => [...orgKey(orgId), 'api-keys'] as const;

export function detectionsQueryOptions(orgId: string, filters: TDetectionFilters = DEFAULT_DETECTION_FILTERS) {
  const params = new URLSearchParams({ limit: String(filters.limit) });
  if (filters.decision) params.set('decision', filters.decision);
  return queryOptions({
    queryKey: [...detectionsKey(orgId), filters] as const,
    queryFn: ({ signal }) => fetchJson<TDetectionsPage>(`/api/v1/detections?${params}`, { signal }),
    // The live stream keeps this page current. A background refetch could
    // race the stream and drop a row it had just delivered, so never go stale.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function statsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: statsKey(orgId),
    queryFn: ({ signal }) => fetchJson<TStats>('/api/v1/stats', { signal }),
    // New detections invalidate it; the interval only moves the last-hour window.
    refetchInterval: 60_000,
  });
}

export function apiKeysQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: apiKeysKey(orgId),
    queryFn: ({ signal }) => fetchJson<TApiKeysList>('/api/v1/api-keys', { signal }),
  });
}
