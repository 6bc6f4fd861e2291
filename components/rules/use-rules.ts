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

const TABLE_FIELDS = ['threshold', 'windowSeconds', 'mode', 'enabled'] as const;
const isTableField = (field: string): field is (typeof TABLE_FIELDS)[number] => (TABLE_FIELDS as readonly string[]).includes(field);

export function useUpdateRule(orgId: string) {
  const refresh = useRefresh(ruleKeys.all(orgId));
  const t = useTranslations('rules.rules');
  const errorText = useErrorText();
  const { ruleName } = useRuleLabels();
  /** What a change did, for the toast: "threshold 5 → 8" (the table's fields; values as stored). */
  const describeChange = (rule: TRule, patch: TUpdateRule) =>
    Object.entries(patch)
      .map(([field, value]) => `${isTableField(field) ? t(`fields.${field}`) : field} ${String(rule[field as keyof TRule])} → ${String(value)}`)
      .join(', ');
  return useMutation({
    mutationFn: ({ rule, patch }: { rule: TRule; patch: TUpdateRule }) =>
      fetchJson<{ rule: TRule }>(`/api/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: ({ rule: updated }, { rule, patch }) => {
      toast.success(t('toast.updated'), { description: t('toast.updatedDetail', { name: ruleName(rule).text, changes: describeChange(rule, patch), version: updated.version }) });
    },
    onError: (error, { rule }) => toast.error(t('toast.updateFailed', { name: ruleName(rule).text }), { description: errorText(error) }),
    onSettled: refresh,
  });
}
