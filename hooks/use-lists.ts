'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TCreateListEntryBody, TListEntry } from '@/lib/lists/schema';
import { listKeys, type TListFilters } from './query-keys';
import { useErrorText } from './use-error-text';
import { useFormats } from './use-formats';
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

export function useAddListEntry(orgId: string) {
  const refresh = useRefresh(listKeys.all(orgId));
  const t = useTranslations('detection.toasts');
  const f = useFormats();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (body: TCreateListEntryBody) => fetchJson<{ entry: TListEntry }>('/api/v1/lists', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: ({ entry }) =>
      toast.success(t('listAdded', { type: entry.type, value: entry.value, action: entry.action }), {
        description: t('listAddedHint', { hasUntil: entry.expiresAt ? 'yes' : 'no', until: entry.expiresAt ? f.dateTime(entry.expiresAt) : '' }),
      }),
    onError: (error) => toast.error(t('listAddFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useRemoveListEntry(orgId: string) {
  const refresh = useRefresh(listKeys.all(orgId));
  const t = useTranslations('detection.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (entry: TListEntry) => fetchJson<{ entry: TListEntry }>(`/api/v1/lists/${encodeURIComponent(entry.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, entry) => toast.success(t('listRemoved', { type: entry.type, value: entry.value, action: entry.action }), { description: t('listRemovedHint') }),
    onError: (error, entry) => toast.error(t('listRemoveFailed', { type: entry.type, value: entry.value }), { description: errorText(error) }),
    onSettled: refresh,
  });
}
