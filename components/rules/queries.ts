import { queryOptions } from '@tanstack/react-query';
import { ruleKeys, thresholdKeys } from '@/hooks/query-keys';
import { fetchJson } from '@/lib/api-client';
import type { TRule } from '@/lib/rules/schema';
import type { TThresholdsView } from '@/lib/scoring/thresholds';

// Query options for the rules page (the lists, shared with the war room, are
// in hooks/use-lists.ts). Keys come from hooks/query-keys.ts.

export function rulesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: ruleKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ rules: TRule[] }>('/api/v1/rules', { signal }),
  });
}

export function thresholdsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: thresholdKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<TThresholdsView>('/api/v1/settings/thresholds', { signal }),
    // An override ends by itself (or from the war room in another tab).
    refetchInterval: 30_000,
  });
}
