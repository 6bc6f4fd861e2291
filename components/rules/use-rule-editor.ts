'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { toast } from 'sonner';
import { ruleKeys } from '@/hooks/query-keys';
import { useRefresh } from '@/hooks/use-refresh';
import { ApiError, fetchJson } from '@/lib/api-client';
import type { TRule } from '@/lib/rules/schema';
import type { TBacktestRequest, TBacktestResult } from './backtest';
import { useRuleLabels } from './labels';
import { ruleBody, type TRuleBody } from './rule-draft';

// The editor's server calls: a backtest (writes nothing, so a mutation that
// invalidates nothing), and Save, which for an existing rule also compares
// the backtest of the stored version with the new one over one window.
// Either backtest failing (422 too slow, 429 busy) does not stop the save:
// Before / After says why a side is missing.

export const runBacktest = (request: TBacktestRequest) =>
  fetchJson<TBacktestResult>('/api/v1/rules/backtest', { method: 'POST', body: JSON.stringify(request) });

export function useBacktest() {
  return useMutation({ mutationFn: runBacktest });
}

/** One side of Before / After: the figures, or why there are none. */
export type TSide = { result: TBacktestResult } | { error: Error };
export type TComparisonResult = { window: { from: string; to: string }; before: TSide; after: TSide };

const settle = (p: Promise<TBacktestResult>): Promise<TSide> => p.then((result) => ({ result }), (error: Error) => ({ error }));

type TSaveInput =
  | { kind: 'create'; body: TRuleBody & { key: string } }
  | {
      kind: 'update';
      rule: TRule;
      patch: Partial<TRuleBody>;
      body: TRuleBody;
      window: { from: string; to: string };
      /** The last test of exactly this draft over this window, reused as "after". */
      tested?: TBacktestResult;
    };

export type TSaveResult = { rule: TRule; comparison: TComparisonResult | null };

export type TSaveStage = 'testing' | 'saving';

export function useSaveRule(orgId: string, onStage?: (stage: TSaveStage) => void) {
  const refresh = useRefresh(ruleKeys.all(orgId));
  const t = useTranslations('rules.rules.toast');
  const { ruleName } = useRuleLabels();
  return useMutation({
    mutationFn: async (input: TSaveInput): Promise<TSaveResult> => {
      if (input.kind === 'create') {
        onStage?.('saving');
        const { rule } = await fetchJson<{ rule: TRule }>('/api/v1/rules', { method: 'POST', body: JSON.stringify(input.body) });
        return { rule, comparison: null };
      }
      // The API runs one backtest per organization at a time (a second is a 429): one after the other, all
      // before the change is written, so "before" is the stored version as it stands.
      const { rule: stored, window } = input;
      onStage?.('testing');
      const after: TSide = input.tested ? { result: input.tested } : await settle(runBacktest({ rule: { id: stored.id, ...input.body }, ...window }));
      // A rule the backtest refuses, the PATCH would refuse too: nothing is saved, the problem shows by its part.
      if ('error' in after && after.error instanceof ApiError && after.error.status === 400) throw after.error;
      const before = await settle(runBacktest({ rule: { id: stored.id, ...ruleBody(stored) }, ...window }));
      onStage?.('saving');
      const { rule } = await fetchJson<{ rule: TRule }>(`/api/v1/rules/${encodeURIComponent(stored.id)}`, { method: 'PATCH', body: JSON.stringify(input.patch) });
      return { rule, comparison: { window, before, after } };
    },
    onSuccess: ({ rule }, input) => {
      const name = ruleName(rule).text;
      toast.success(t('saved'), { description: input.kind === 'create' ? t('added', { name }) : t('newVersion', { name, version: rule.version }) });
    },
    onSettled: refresh,
  });
}
