'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { LIST_TYPE_LABEL, type TCreateListEntryBody, type TListEntry } from '@/lib/lists/schema';
import { listsKey, listsQueryOptions } from './queries';
import { useRefresh } from './use-refresh';

export function useListEntries(orgId: string, options: { includeExpired: boolean }) {
  return useQuery(listsQueryOptions(orgId, options));
}

const label = (entry: Pick<TListEntry, 'type' | 'value'>) => `${LIST_TYPE_LABEL[entry.type]} ${entry.value}`;

export function useAddListEntry(orgId: string) {
  const refresh = useRefresh(listsKey(orgId));
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
  const refresh = useRefresh(listsKey(orgId));
  return useMutation({
    mutationFn: (entry: TListEntry) => fetchJson<{ entry: TListEntry }>(`/api/v1/lists/${encodeURIComponent(entry.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, entry) => toast.success(`${label(entry)} removed from the ${entry.action} list`, { description: 'It no longer applies from the next payment.' }),
    onError: (error, entry) => toast.error(`Could not remove ${label(entry)}`, { description: error.message }),
    onSettled: refresh,
  });
}
