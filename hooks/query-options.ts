import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import type { TApiKey } from '@/lib/api-keys/keys';
import type { TDetection } from '@/lib/detections/schema';
import type { THistory, THistoryRange } from '@/lib/detections/history';
import type { TStats } from '@/lib/detections/stats';
import type { TRuleStats } from '@/lib/rules/stats';
import type { TRuleStatsWindow } from '@/lib/rules/stats-window';
import { hasNoFilter } from '@/lib/detections/filters';
import { detectionMatchesFilters } from '@/lib/detections/filters-match';
import { apiKeyKeys, detectionKeys, ruleKeys, statsKeys, type TDetectionFilters } from './query-keys';

// Query options for the dashboard's detections and counters and for the API
// keys; their keys come from ./query-keys.

export type TDetectionsPage = {
  detections: TDetection[];
  nextCursor: string | null;
  streamCursor: string;
  /** Set in the browser once "Load more" appended older rows: how many rows the list keeps from then on (./cache/detections.ts). */
  keepRows?: number;
  /**
   * Set in the browser when live rows pushed older rows out of the bounded
   * list: nextCursor no longer follows the last row kept, so "Load more"
   * resumes from this row's time instead (./use-load-older.ts).
   */
  resumeBefore?: string;
};
export type TApiKeysList = { apiKeys: TApiKey[] };
export type TCreatedApiKey = { id: string; name: string; key: string; prefix: string; createdAt: string };

export const DEFAULT_DETECTION_FILTERS: TDetectionFilters = { limit: 50 };

/** The list's query string: every filter set, in the API's names (numbers as integers, instants as ISO 8601). */
export function detectionListParams(filters: TDetectionFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value !== undefined) params.set(name, String(value));
  return params;
}

export function detectionsQueryOptions(orgId: string, filters: TDetectionFilters = DEFAULT_DETECTION_FILTERS) {
  const params = detectionListParams(filters);
  const filtered = !hasNoFilter(filters);
  return queryOptions({
    queryKey: detectionKeys.page(orgId, filters),
    queryFn: async ({ signal, client }) => {
      const page = await fetchJson<TDetectionsPage>(`/api/v1/detections?${params}`, { signal });
      // The stream writes only into pages already loaded: rows it delivered while this one was in flight are in the live list.
      return filtered ? withLiveRows(page, client.getQueryData<TDetectionsPage>(detectionKeys.page(orgId, DEFAULT_DETECTION_FILTERS)), filters) : page;
    },
    // The live stream keeps this page current. A background refetch could
    // race the stream and drop a row it had just delivered, so never go stale.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

/**
 * A filtered page fetched while the stream ran: the live list's rows (the
 * unfiltered first page, which the stream keeps current) that match the
 * filters and that the page misses because they committed after its read.
 * Only rows within the page's span (any, when the page is the whole result):
 * older ones belong to "Load more".
 */
export function withLiveRows(page: TDetectionsPage, live: TDetectionsPage | undefined, filters: TDetectionFilters): TDetectionsPage {
  if (!live) return page;
  const listed = new Set(page.detections.map((d) => d.id));
  const oldest = page.detections.at(-1);
  const since = page.nextCursor && oldest ? Date.parse(oldest.createdAt) : -Infinity;
  const missed = live.detections.filter((d) => !listed.has(d.id) && Date.parse(d.createdAt) >= since && detectionMatchesFilters(d, filters));
  return missed.length === 0 ? page : { ...page, detections: [...missed, ...page.detections] };
}

export function statsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: statsKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<TStats>('/api/v1/stats', { signal }),
    // New detections invalidate it; the interval only moves the last-hour window.
    refetchInterval: 60_000,
  });
}

export function historyQueryOptions(orgId: string, range: THistoryRange) {
  return queryOptions({
    queryKey: statsKeys.history(orgId, range),
    queryFn: ({ signal }) => fetchJson<THistory>(`/api/v1/stats/history?range=${range}`, { signal }),
    // Bars of 15 minutes or more: a minute's refresh is plenty, and new detections invalidate the stats prefix anyway.
    refetchInterval: 60_000,
  });
}

export function apiKeysQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: apiKeyKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<TApiKeysList>('/api/v1/api-keys', { signal }),
  });
}

/** One rule's performance over a window (the rules page's column). */
export function ruleStatsQueryOptions(orgId: string, ruleId: string, window: TRuleStatsWindow) {
  return queryOptions({
    queryKey: ruleKeys.stats(orgId, ruleId, window),
    queryFn: ({ signal }) => fetchJson<TRuleStats>(`/api/v1/rules/${encodeURIComponent(ruleId)}/stats?window=${window}`, { signal }),
    // Hours of counts: a minute old is fresh enough, and a table of rules is one request per rule.
    staleTime: 60_000,
  });
}
