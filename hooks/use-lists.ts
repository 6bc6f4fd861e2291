'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { LIST_TYPE_LABEL, type TCreateListEntryBody, type TListEntry } from '@/lib/lists/schema';
import { listKeys, type TListFilters } from './query-keys';
import { useRefresh } from './use-refresh';

// The org's allow and block lists (GET /api/v1/lists): one cache per filter,
// read by the rules page and by the war room, changed by the mutations below
// and by the war room's one-click blocks, which all refresh listKeys.all.

export const ENTRIES_IN_FORCE: TListFilters = { includeExpired: false };

export function listsQueryOptions(orgId: string, filters: TListFilters = ENTRIES_IN_FORCE) {
  return queryOptions({
    queryKey: listKeys.entries(orgId, filters),
    queryFn: ({ signal }) =>
      fetchJson<{ entries: TListEntry[] }>(`/api/v1/lists${filters.includeExpired ? '?include=expired' : ''}`, { signal }),
    // An entry expires on its own: look again now and then.
    refetchInterval: 60_000,
  });
}

/** `refetchInterval` replaces the minute's re-read: the war room reads every 2 s during an attack, otherwise not at all. */
export function useListEntries(orgId: string, filters: TListFilters = ENTRIES_IN_FORCE, options: { refetchInterval?: number | false } = {}) {
  return useQuery({ ...listsQueryOptions(orgId, filters), ...options });
}

const label = (entry: Pick<TListEntry, 'type' | 'value'>) => `${LIST_TYPE_LABEL[entry.type]} ${entry.value}`;

export function useAddListEntry(orgId: string) {
  const refresh = useRefresh(listKeys.all(orgId));
  return useMutation({
    mutationFn: (body: TCreateListEntryBody) => fetchJson<{ entry: TListEntry }>('/api/v1/lists', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: ({ entry }) => {
      const until = entry.expiresAt ? ` until ${new Date(entry.expiresAt).toLocaleString()}` : '';
      toast.success(`${label(entry)} added to the ${entry.action} list`, { description: `It applies from the next payment${until}.` });
    },
    onError: (error) => toast.error('Could not add the entry', { description: error.message }),
    onSettled: refresh,
  });
}

export function useRemoveListEntry(orgId: string) {
  const refresh = useRefresh(listKeys.all(orgId));
  return useMutation({
    mutationFn: (entry: TListEntry) => fetchJson<{ entry: TListEntry }>(`/api/v1/lists/${encodeURIComponent(entry.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, entry) => toast.success(`${label(entry)} removed from the ${entry.action} list`, { description: 'It no longer applies from the next payment.' }),
    onError: (error, entry) => toast.error(`Could not remove ${label(entry)}`, { description: error.message }),
    onSettled: refresh,
  });
}
