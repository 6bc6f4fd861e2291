'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TRule, TUpdateRule } from '@/lib/rules/schema';
import { ruleKeys } from '@/hooks/query-keys';
import { useErrorText } from '@/hooks/use-error-text';
import { useRefresh } from '@/hooks/use-refresh';
import { useRuleLabels } from './labels';
import { rulesQueryOptions } from './queries';

export function useRules(orgId: string) {
  return useQuery(rulesQueryOptions(orgId));
}

export function useUpdateRule(orgId: string) {
  const refresh = useRefresh(ruleKeys.all(orgId));
  const t = useTranslations('rules.rules');
  const errorText = useErrorText();
  const labels = useRuleLabels();
  /** A field of the table's quick edits, named and valued as the table shows it. */
  const fieldText = (rule: TRule, field: keyof TUpdateRule, value: unknown): string => {
    if (field === 'threshold' && typeof value === 'number') return labels.thresholdLabel({ feature: rule.feature, threshold: value });
    if (field === 'windowSeconds' && typeof value === 'number') return labels.windowLabel({ feature: rule.feature, windowSeconds: value });
    if (field === 'mode') return value === 'active' ? t('active') : t('shadow');
    if (field === 'enabled') return value ? t('on') : t('off');
    return String(value);
  };
  /** What a change did, for the toast: "threshold 5 → 8", "window 30 min → 1 h". */
  const describeChange = (rule: TRule, patch: TUpdateRule) =>
    (Object.keys(patch) as (keyof TUpdateRule)[])
      .map((field) => {
        const name = field === 'threshold' || field === 'windowSeconds' || field === 'mode' || field === 'enabled' ? t(`fields.${field}`) : field;
        return `${name} ${fieldText(rule, field, rule[field as keyof TRule])} → ${fieldText(rule, field, patch[field])}`;
      })
      .join(', ');
  return useMutation({
    mutationFn: ({ rule, patch }: { rule: TRule; patch: TUpdateRule }) =>
      fetchJson<{ rule: TRule }>(`/api/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: ({ rule: updated }, { rule, patch }) => {
      toast.success(t('toast.updated'), { description: t('toast.updatedDetail', { name: labels.ruleName(rule).text, changes: describeChange(rule, patch), version: updated.version }) });
    },
    onError: (error, { rule }) => toast.error(t('toast.updateFailed', { name: labels.ruleName(rule).text }), { description: errorText(error) }),
    onSettled: refresh,
  });
}
