'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TWebhookAttempt } from '@/lib/webhooks/attempts';
import type { TWebhookEndpoint } from '@/lib/webhooks/schema';
import { orgKeys } from './query-keys';
import { useErrorText } from './use-error-text';
import { useRefresh } from './use-refresh';

export type TCreatedWebhook = TWebhookEndpoint & { secret: string };
export type TRotatedSecret = { id: string; secret: string; previousSecretExpiresAt: string | null; overlapSeconds: number; message: string };
export type TWebhookInput = { url: string; events: string[]; decisions?: string[] | null };

export const webhookKeys = {
  all: (orgId: string) => [...orgKeys.org(orgId), 'webhooks'] as const,
  deliveries: (orgId: string, id: string) => [...orgKeys.org(orgId), 'webhooks', id, 'deliveries'] as const,
};

const path = (id: string, rest = '') => `/api/v1/webhooks/${encodeURIComponent(id)}${rest}`;

/** `enabled: false` for roles that may not manage webhooks: the page says so instead of asking for a 403. */
export function useWebhooks(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: webhookKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ webhooks: TWebhookEndpoint[] }>('/api/v1/webhooks', { signal }),
    enabled,
  });
}

/** The endpoint's attempts, newest first; re-read every 2 s while shown, so a test event's answer appears by itself. */
export function useWebhookDeliveries(orgId: string, id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(orgId, id),
    queryFn: ({ signal }) => fetchJson<{ deliveries: TWebhookAttempt[]; nextCursor: string | null }>(path(id, '/deliveries?limit=50'), { signal }),
    refetchInterval: 2_000,
  });
}

export function useCreateWebhook(orgId: string) {
  const t = useTranslations('webhooks.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (input: TWebhookInput) => fetchJson<TCreatedWebhook>('/api/v1/webhooks', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => toast.success(t('added'), { description: t('addedDetail') }),
    onError: (error) => toast.error(t('addFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useUpdateWebhook(orgId: string) {
  const t = useTranslations('webhooks.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; enabled?: boolean }) => fetchJson<{ webhook: TWebhookEndpoint }>(path(id), { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: ({ webhook }) => toast.success(webhook.enabled ? t('enabled') : t('disabled'), { description: webhook.url }),
    onError: (error) => toast.error(t('changeFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useDeleteWebhook(orgId: string) {
  const t = useTranslations('webhooks.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (endpoint: TWebhookEndpoint) => fetchJson<unknown>(path(endpoint.id), { method: 'DELETE' }),
    onSuccess: (_d, endpoint) => toast.success(t('deleted'), { description: t('deletedDetail', { url: endpoint.url }) }),
    onError: (error) => toast.error(t('deleteFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useRotateWebhookSecret(orgId: string) {
  const t = useTranslations('webhooks.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (id: string) => fetchJson<TRotatedSecret>(path(id, '/rotate-secret'), { method: 'POST' }),
    onSuccess: () => toast.success(t('rotated'), { description: t('rotatedDetail') }),
    onError: (error) => toast.error(t('rotateFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useSendTestWebhook(orgId: string) {
  const t = useTranslations('webhooks.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ eventId: string }>(path(id, '/test'), { method: 'POST' }),
    onSuccess: () => toast.success(t('testQueued'), { description: t('testQueuedDetail') }),
    onError: (error) => toast.error(t('testFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
