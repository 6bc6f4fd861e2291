'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { apiKeyKeys } from './query-keys';
import { apiKeysQueryOptions, type TCreatedApiKey } from './query-options';
import { useErrorText } from './use-error-text';
import { useRefresh } from './use-refresh';

/** `enabled: false` for roles that may not list keys: the page says so instead of asking for a 403. */
export function useApiKeys(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...apiKeysQueryOptions(orgId), enabled });
}

export function useCreateApiKey(orgId: string) {
  const t = useTranslations('apiKeys.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(apiKeyKeys.all(orgId));
  return useMutation({
    mutationFn: (input: { name: string }) =>
      fetchJson<TCreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (created) => {
      toast.success(t('created', { name: created.name }), { description: t('createdDetail') });
    },
    onError: (error) => toast.error(t('createFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useRevokeApiKey(orgId: string) {
  const t = useTranslations('apiKeys.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(apiKeyKeys.all(orgId));
  return useMutation({
    mutationFn: (key: { id: string; name: string }) =>
      fetchJson<unknown>(`/api/v1/api-keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, key) => {
      toast.success(t('revoked', { name: key.name }), { description: t('revokedDetail') });
    },
    onError: (error) => toast.error(t('revokeFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
