'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TCreateView, TSavedView } from '@/lib/views/schema';
import { viewKeys } from './query-keys';
import { useErrorText } from './use-error-text';
import { useRefresh } from './use-refresh';

// Saved views (GET|POST /api/v1/views, DELETE /api/v1/views/:id): named
// filter sets of the dashboard, mine and the ones shared with the
// organization. Applying one is navigating to its filters' URL
// (components/investigation/saved-views.tsx); nothing here knows the URL.

export type { TSavedView };
/** The filters as the URL writes them (strings): the API parses them with the list's own schema. */
export type TSaveViewBody = Omit<TCreateView, 'filters'> & { filters: Record<string, string> };

export function viewsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: viewKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ views: TSavedView[] }>('/api/v1/views', { signal }),
  });
}

export function useViews(orgId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...viewsQueryOptions(orgId), ...options });
}

export function useSaveView(orgId: string) {
  const refresh = useRefresh(viewKeys.all(orgId));
  const t = useTranslations('investigation.toasts');
  return useMutation({
    mutationFn: (body: TSaveViewBody) => fetchJson<{ view: TSavedView }>('/api/v1/views', { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: ({ view }) => toast.success(t('viewSaved', { name: view.name }), { description: view.shared ? t('viewShared') : t('viewPrivate') }),
    // No toast on failure: the save form shows the API's message beside the field.
    onSettled: refresh,
  });
}

export function useDeleteView(orgId: string) {
  const refresh = useRefresh(viewKeys.all(orgId));
  const t = useTranslations('investigation.toasts');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (view: TSavedView) => fetchJson<null>(`/api/v1/views/${encodeURIComponent(view.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, view) => toast.success(t('viewDeleted', { name: view.name })),
    onError: (error, view) => toast.error(t('viewDeleteFailed', { name: view.name }), { description: errorText(error) }),
    onSettled: refresh,
  });
}
