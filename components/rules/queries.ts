import { queryOptions } from '@tanstack/react-query';
import { orgKey } from '@/hooks/query-options';
import { fetchJson } from '@/lib/api-client';
import type { TListEntry } from '@/lib/lists/schema';
import type { TRule } from '@/lib/rules/schema';
import type { TThresholdsView } from '@/lib/scoring/thresholds';

// Query options for the rules page. Keys start with ['org', orgId] like every
// org-scoped key (hooks/query-options.ts), so an org switch drops them too.

export const rulesKey = (orgId: string) => [...orgKey(orgId), 'rules'] as const;
export const listsKey = (orgId: string) => [...orgKey(orgId), 'lists'] as const;
export const thresholdsKey = (orgId: string) => [...orgKey(orgId), 'thresholds'] as const;

export function rulesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: rulesKey(orgId),
    queryFn: ({ signal }) => fetchJson<{ rules: TRule[] }>('/api/v1/rules', { signal }),
  });
}

export function listsQueryOptions(orgId: string, options: { includeExpired: boolean }) {
  return queryOptions({
    queryKey: [...listsKey(orgId), options] as const,
    queryFn: ({ signal }) =>
      fetchJson<{ entries: TListEntry[] }>(`/api/v1/lists${options.includeExpired ? '?include=expired' : ''}`, { signal }),
    // An entry expires on its own: look again now and then.
    refetchInterval: 60_000,
  });
}

export function thresholdsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: thresholdsKey(orgId),
    queryFn: ({ signal }) => fetchJson<TThresholdsView>('/api/v1/settings/thresholds', { signal }),
    // An override ends by itself (or from the war room in another tab).
    refetchInterval: 30_000,
  });
}
