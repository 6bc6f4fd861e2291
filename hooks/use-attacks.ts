'use client';

import { queryOptions, useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import type { TAttackDetail } from '@/lib/attacks/detail';
import type { TAttack } from '@/lib/attacks/schema';
import { attackKeys } from './query-keys';

// The incident history: the list (newest first) and one incident with what the team did.

export function attacksQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: attackKeys.list(orgId),
    queryFn: async ({ signal }) => (await fetchJson<{ attacks: TAttack[] }>('/api/v1/attacks', { signal })).attacks,
  });
}

export function attackDetailQueryOptions(orgId: string, id: string) {
  return queryOptions({
    queryKey: attackKeys.detail(orgId, id),
    queryFn: ({ signal }) => fetchJson<TAttackDetail>(`/api/v1/attacks/${encodeURIComponent(id)}`, { signal }),
  });
}

/** An open incident's page follows it every few seconds; a closed one is history. */
export const useAttacks = (orgId: string) => useQuery({ ...attacksQueryOptions(orgId), refetchInterval: 10_000 });

export function useAttackDetail(orgId: string, id: string | null) {
  return useQuery({
    ...attackDetailQueryOptions(orgId, id ?? ''),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.attack.status === 'open' ? 2_000 : false),
  });
}
