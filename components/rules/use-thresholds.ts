'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TThresholds, TThresholdsView } from '@/lib/scoring/thresholds';
import { thresholdKeys } from '@/hooks/query-keys';
import { useErrorText } from '@/hooks/use-error-text';
import { useFormats } from '@/hooks/use-formats';
import { useRefresh } from '@/hooks/use-refresh';
import { thresholdsQueryOptions } from './queries';

export function useThresholds(orgId: string) {
  return useQuery(thresholdsQueryOptions(orgId));
}

const PATH = '/api/v1/settings/thresholds';

export function useUpdateThresholds(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  const t = useTranslations('rules.thresholds.toast');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (body: TThresholds & { reviewTargetMinutes?: number }) => fetchJson<TThresholdsView>(PATH, { method: 'PUT', body: JSON.stringify(body) }),
    onSuccess: (view) => toast.success(t('saved'), { description: t('savedDetail', { review: view.review, block: view.block }) }),
    onError: (error) => toast.error(t('saveFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useSetThresholdsOverride(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  const t = useTranslations('rules.thresholds.toast');
  const errorText = useErrorText();
  const f = useFormats();
  return useMutation({
    mutationFn: (body: TThresholds & { minutes: number }) => fetchJson<TThresholdsView>(`${PATH}/override`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: (view) =>
      toast.success(t('overrideOn'), {
        description: view.override ? t('overrideOnDetail', { review: view.override.review, block: view.override.block, until: f.time(view.override.until) }) : undefined,
      }),
    onError: (error) => toast.error(t('overrideFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useClearThresholdsOverride(orgId: string) {
  const refresh = useRefresh(thresholdKeys.all(orgId));
  const t = useTranslations('rules.thresholds.toast');
  const errorText = useErrorText();
  return useMutation({
    mutationFn: () => fetchJson<TThresholdsView>(`${PATH}/override`, { method: 'DELETE' }),
    onSuccess: (view) => toast.success(t('ended'), { description: t('endedDetail', { review: view.review, block: view.block }) }),
    onError: (error) => toast.error(t('endFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
