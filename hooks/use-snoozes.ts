'use client';

import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TCreateSnoozeBody, TSnooze } from '@/lib/snoozes/schema';
import { snoozeKeys } from './query-keys';
import { useErrorText } from './use-error-text';
import { useFormats } from './use-formats';
import { useRefresh } from './use-refresh';
import { useRuleName, type TRuleName } from './use-rule-name';

// Rules snoozed for one email, card, customer or device (GET /api/v1/snoozes):
// one org-wide list of the live ones, read by the detection view, changed by
// the mutations below, which refresh snoozeKeys.all.

export function snoozesQueryOptions(orgId: string) {
  return queryOptions({
    queryKey: snoozeKeys.all(orgId),
    queryFn: ({ signal }) => fetchJson<{ snoozes: TSnooze[] }>('/api/v1/snoozes', { signal }),
    // A snooze expires on its own: look again now and then.
    refetchInterval: 60_000,
  });
}

export function useSnoozes(orgId: string) {
  return useQuery(snoozesQueryOptions(orgId));
}

/** The toasts' values naming a snooze: its rule and the key it is for. */
const subject = (s: Pick<TSnooze, 'ruleKey' | 'ruleName' | 'entityType' | 'entityValue'>, ruleName: TRuleName) => ({
  rule: ruleName({ key: s.ruleKey, name: s.ruleName }),
  type: s.entityType,
  value: s.entityValue,
});

export function useCreateSnooze(orgId: string) {
  const refresh = useRefresh(snoozeKeys.all(orgId));
  const t = useTranslations('detection.toasts');
  const f = useFormats();
  const ruleName = useRuleName();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: TCreateSnoozeBody }) =>
      fetchJson<{ snooze: TSnooze }>(`/api/v1/rules/${encodeURIComponent(ruleId)}/snoozes`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: ({ snooze }) =>
      toast.success(t('snoozed', subject(snooze, ruleName)), { description: t('snoozedHint', { until: f.dateTime(snooze.expiresAt) }) }),
    onError: (error) => toast.error(t('snoozeFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}

export function useEndSnooze(orgId: string) {
  const refresh = useRefresh(snoozeKeys.all(orgId));
  const t = useTranslations('detection.toasts');
  const ruleName = useRuleName();
  const errorText = useErrorText();
  return useMutation({
    mutationFn: (snooze: TSnooze) => fetchJson<{ snooze: TSnooze }>(`/api/v1/snoozes/${encodeURIComponent(snooze.id)}`, { method: 'DELETE' }),
    onSuccess: (_data, snooze) => toast.success(t('snoozeEnded', subject(snooze, ruleName)), { description: t('snoozeEndedHint') }),
    onError: (error) => toast.error(t('snoozeEndFailed'), { description: errorText(error) }),
    onSettled: refresh,
  });
}
