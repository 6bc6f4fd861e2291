import { queryOptions } from '@tanstack/react-query';
import { adminKeys } from '@/hooks/query-keys';
import { ApiError, fetchJson } from '@/lib/api-client';
import type { TRealtimeSnapshot } from '@/lib/realtime/metrics';

// GET /api/admin/metrics, polled by the /admin page.

export type TAdminMetrics = {
  sse: TRealtimeSnapshot;
  process: { uptimeSeconds: number; rssBytes: number; heapUsedBytes: number };
  generatedAt: string;
};

export const ADMIN_METRICS_INTERVAL_MS = 2_000;

export function adminMetricsQueryOptions() {
  return queryOptions({
    queryKey: adminKeys.metrics,
    queryFn: ({ signal }) => fetchJson<TAdminMetrics>('/api/admin/metrics', { signal }),
    staleTime: 0,
    // A signed-out or demoted admin gets 401/403: polling again will not change that.
    refetchInterval: (query) => {
      const error = query.state.error;
      return error instanceof ApiError && (error.status === 401 || error.status === 403) ? false : ADMIN_METRICS_INTERVAL_MS;
    },
  });
}
