'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { toast } from 'sonner';
import { fetchJson } from '@/lib/api-client';
import type { TRule, TUpdateRule } from '@/lib/rules/schema';
import { ruleKeys } from '@/hooks/query-keys';
import { useRefresh } from '@/hooks/use-refresh';
import { rulesQueryOptions } from './queries';

export function useRules(orgId: string) {
  return useQuery(rulesQueryOptions(orgId));
}

/** What a change did, for the toast: "Many attempts from one IP: threshold 5 → 8". */
function describeChange(rule: TRule, patch: TUpdateRule): string {
  const parts = Object.entries(patch).map(([field, value]) => `${field} ${String(rule[field as keyof TRule])} → ${String(value)}`);
  return `${rule.name}: ${parts.join(', ')}`;
}

export function useUpdateRule(orgId: string) {
  const refresh = useRefresh(ruleKeys.all(orgId));
  return useMutation({
    mutationFn: ({ rule, patch }: { rule: TRule; patch: TUpdateRule }) =>
      fetchJson<{ rule: TRule }>(`/api/v1/rules/${encodeURIComponent(rule.id)}`, { method: 'PATCH', body: JSON.stringify(patch) }),
    onSuccess: ({ rule: updated }, { rule, patch }) => {
      toast.success('Rule updated', { description: `${describeChange(rule, patch)} (version ${updated.version}). It applies from the next payment.` });
    },
    onError: (error, { rule }) => toast.error(`Could not update "${rule.name}"`, { description: error.message }),
    onSettled: refresh,
  });
}
