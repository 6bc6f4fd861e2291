'use client';

import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import type { TAuditEntryView } from '@/lib/audit/find';
import { auditKeys, type TAuditFilters } from './query-keys';

// The org's audit trail, newest first, one key per action filter.

export type TAuditPage = { entries: TAuditEntryView[]; nextCursor: string | null; actions?: string[] };

export const AUDIT_PAGE_SIZE = 50;

export function auditQueryOptions(orgId: string, filters: TAuditFilters = {}) {
  return infiniteQueryOptions({
    queryKey: auditKeys.list(orgId, filters),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
      if (filters.action) params.set('action', filters.action);
      if (pageParam) params.set('cursor', pageParam);
      return fetchJson<TAuditPage>(`/api/v1/audit?${params}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAudit(orgId: string, filters: TAuditFilters = {}) {
  // Keep the old rows on screen while another filter loads, instead of a flash of skeletons.
  return useInfiniteQuery({ ...auditQueryOptions(orgId, filters), placeholderData: keepPreviousData });
}
