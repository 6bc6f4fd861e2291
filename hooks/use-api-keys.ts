'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import { apiKeyKeys } from './query-keys';
import { apiKeysQueryOptions, type TCreatedApiKey } from './query-options';
import { useRefresh } from './use-refresh';

/** `enabled: false` for roles that may not list keys: the page says so instead of asking for a 403. */
export function useApiKeys(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...apiKeysQueryOptions(orgId), enabled });
}

export function useCreateApiKey(orgId: string) {
  const refresh = useRefresh(apiKeyKeys.all(orgId));
  return useMutation({
    mutationFn: (input: { name: string }) =>
      fetchJson<TCreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (created) => {
      toast.success(`API key "${created.name}" created`, { description: 'Copy it now: it will not be shown again.' });
    },
    onError: (error) => toast.error('Could not create the API key', { description: error.message }),
    onSettled: refresh,
  });
}

export function useRevokeApiKey(orgId: string) {
  const refresh = useRefresh(apiKeyKeys.all(orgId));
  return useMutation({
    mutationFn: (key: { id: string; name: string }) =>
      fetchJson<unknown>(`/api/v1/api-keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, key) => {
      toast.success(`API key "${key.name}" revoked`, { description: 'Requests with it are refused from now on.' });
    },
    onError: (error) => toast.error('Could not revoke the API key', { description: error.message }),
    onSettled: refresh,
  });
}
