'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TWebhookAttempt } from '@/lib/webhooks/attempts';
import type { TWebhookEndpoint } from '@/lib/webhooks/schema';
import { orgKeys } from './query-keys';
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
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (input: TWebhookInput) => fetchJson<TCreatedWebhook>('/api/v1/webhooks', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: () => toast.success('Webhook endpoint added', { description: 'Copy its signing secret now: it will not be shown again.' }),
    onError: (error) => toast.error('Could not add the endpoint', { description: error.message }),
    onSettled: refresh,
  });
}

export function useUpdateWebhook(orgId: string) {
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; enabled?: boolean }) => fetchJson<{ webhook: TWebhookEndpoint }>(path(id), { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: ({ webhook }) => toast.success(webhook.enabled ? 'Endpoint enabled' : 'Endpoint disabled', { description: webhook.url }),
    onError: (error) => toast.error('Could not change the endpoint', { description: error.message }),
    onSettled: refresh,
  });
}

export function useDeleteWebhook(orgId: string) {
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (endpoint: TWebhookEndpoint) => fetchJson<unknown>(path(endpoint.id), { method: 'DELETE' }),
    onSuccess: (_d, endpoint) => toast.success('Endpoint deleted', { description: `Nothing more is sent to ${endpoint.url}.` }),
    onError: (error) => toast.error('Could not delete the endpoint', { description: error.message }),
    onSettled: refresh,
  });
}

export function useRotateWebhookSecret(orgId: string) {
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (id: string) => fetchJson<TRotatedSecret>(path(id, '/rotate-secret'), { method: 'POST' }),
    onSuccess: () => toast.success('New signing secret', { description: 'Copy it now. The old one keeps signing alongside for 24 h.' }),
    onError: (error) => toast.error('Could not rotate the secret', { description: error.message }),
    onSettled: refresh,
  });
}

export function useSendTestWebhook(orgId: string) {
  const refresh = useRefresh(webhookKeys.all(orgId));
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ eventId: string }>(path(id, '/test'), { method: 'POST' }),
    onSuccess: () => toast.success('Test event queued', { description: 'Its delivery shows in the log below within seconds.' }),
    onError: (error) => toast.error('Could not send a test event', { description: error.message }),
    onSettled: refresh,
  });
}
