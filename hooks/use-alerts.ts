'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TAlertChannel, TAlertChannelWithAlerts, TAlertRecord, TAlertSettings, TCreateAlertChannel, TUpdateAlertChannel } from '@/lib/alerts/schema';
import { useErrorText } from './use-error-text';
import { useRefresh } from './use-refresh';

// The alerts settings page's data: channels with their recent alerts, and the
// review-backlog setting. Keys under ['org', orgId, 'alerts'].

export const alertKeys = {
  all: (orgId: string) => ['org', orgId, 'alerts'] as const,
  channels: (orgId: string) => ['org', orgId, 'alerts', 'channels'] as const,
  settings: (orgId: string) => ['org', orgId, 'alerts', 'settings'] as const,
};

export function alertChannelsQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: alertKeys.channels(orgId),
    queryFn: () => fetchJson<{ channels: TAlertChannelWithAlerts[] }>('/api/v1/alert-channels'),
    // Alerts go out in the background: show their results without a reload.
    refetchInterval: 10_000,
  });
}

export function alertSettingsQueryOptions(orgId: string) {
  return queryOptions({ queryKey: alertKeys.settings(orgId), queryFn: () => fetchJson<TAlertSettings>('/api/v1/settings/alerts') });
}

/** `enabled: false` for roles that may not manage alerts: the page says so instead of asking for a 403. */
export function useAlertChannels(orgId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...alertChannelsQueryOptions(orgId), enabled });
}

export function useAlertSettings(orgId: string) {
  return useQuery(alertSettingsQueryOptions(orgId));
}

export function useCreateAlertChannel(orgId: string) {
  const t = useTranslations('alerts.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(alertKeys.channels(orgId));
  return useMutation({
    mutationFn: (input: TCreateAlertChannel) => fetchJson<TAlertChannel>('/api/v1/alert-channels', { method: 'POST', body: JSON.stringify(input) }),
    onSuccess: (channel) => toast.success(t('added', { type: channel.type, target: channel.target }), { description: t('addedDetail') }),
    onError: (error) => toast.error(t('addFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useUpdateAlertChannel(orgId: string) {
  const t = useTranslations('alerts.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(alertKeys.channels(orgId));
  return useMutation({
    mutationFn: ({ id, ...input }: TUpdateAlertChannel & { id: string }) =>
      fetchJson<TAlertChannel>(`/api/v1/alert-channels/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(input) }),
    onSuccess: () => toast.success(t('updated')),
    onError: (error) => toast.error(t('updateFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useDeleteAlertChannel(orgId: string) {
  const t = useTranslations('alerts.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(alertKeys.channels(orgId));
  return useMutation({
    mutationFn: (channel: { id: string }) => fetchJson<unknown>(`/api/v1/alert-channels/${encodeURIComponent(channel.id)}`, { method: 'DELETE' }),
    onSuccess: () => toast.success(t('deleted'), { description: t('deletedDetail') }),
    onError: (error) => toast.error(t('deleteFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useTestAlertChannel(orgId: string) {
  const t = useTranslations('alerts.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(alertKeys.channels(orgId));
  return useMutation({
    mutationFn: (channel: { id: string }) => fetchJson<{ alert: TAlertRecord }>(`/api/v1/alert-channels/${encodeURIComponent(channel.id)}/test`, { method: 'POST' }),
    onSuccess: ({ alert }) => {
      const answer = alert.httpStatus !== null ? `HTTP ${alert.httpStatus}` : (alert.response ?? '');
      if (alert.status === 'sent') toast.success(t('testSent'), { description: answer });
      else toast.error(t('testFailed'), { description: alert.error ?? answer });
    },
    onError: (error) => toast.error(t('testSendFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useUpdateAlertSettings(orgId: string) {
  const t = useTranslations('alerts.toasts');
  const errorText = useErrorText();
  const refresh = useRefresh(alertKeys.settings(orgId));
  return useMutation({
    mutationFn: (input: TAlertSettings) => fetchJson<TAlertSettings>('/api/v1/settings/alerts', { method: 'PUT', body: JSON.stringify(input) }),
    onSuccess: (s) => toast.success(t('saved'), { description: t('savedDetail', { minutes: s.reviewBacklogMinutes }) }),
    onError: (error) => toast.error(t('saveFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
