'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TThresholds, TThresholdsView } from '@/lib/scoring/thresholds';
import { thresholdKeys } from '@/hooks/query-keys';
import { useRefresh } from '@/hooks/use-refresh';
import { thresholdsQueryOptions } from './queries';

export function useThresholds(orgId: string) {
  return useQuery(thresholdsQueryOptions(orgId));
}

const PATH = '/api/v1/settings/thresholds';

export function useUpdateThresholds(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  return useMutation({
    mutationFn: (body: TThresholds & { reviewTargetMinutes?: number }) => fetchJson<TThresholdsView>(PATH, { method: 'PUT', body: JSON.stringify(body) }),
    onSuccess: (view) => toast.success('Thresholds saved', { description: `Review from ${view.review}, block from ${view.block}.` }),
    onError: (error) => toast.error('Could not save the thresholds', { description: error.message }),
    onSettled: refresh,
  });
}

export function useSetThresholdsOverride(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  return useMutation({
    mutationFn: (body: TThresholds & { minutes: number }) => fetchJson<TThresholdsView>(`${PATH}/override`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (view) =>
      toast.success('Temporary thresholds on', {
        description: view.override ? `Review from ${view.override.review}, block from ${view.override.block} until ${new Date(view.override.until).toLocaleTimeString()}.` : undefined,
      }),
    onError: (error) => toast.error('Could not set the temporary thresholds', { description: error.message }),
    onSettled: refresh,
  });
}

export function useClearThresholdsOverride(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  return useMutation({
    mutationFn: () => fetchJson<TThresholdsView>(`${PATH}/override`, { method: 'DELETE' }),
    onSuccess: (view) => toast.success('Temporary thresholds ended', { description: `Back to review from ${view.review}, block from ${view.block}.` }),
    onError: (error) => toast.error('Could not end the temporary thresholds', { description: error.message }),
    onSettled: refresh,
  });
}
