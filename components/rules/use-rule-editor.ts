'use client';

import { useMutation } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ruleKeys } from '@/hooks/query-keys';
import { useRefresh } from '@/hooks/use-refresh';
import { fetchJson } from '@/lib/api-client';
import type { TRule } from '@/lib/rules/schema';
import type { TBacktestRequest, TBacktestResult } from './backtest';
import { ruleBody, type TRuleBody } from './rule-draft';

// The editor's server calls: a backtest (writes nothing, so a mutation that
// invalidates nothing), and Save, which for an existing rule also compares
// the backtest of the stored version with the new one over one window.

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

export function useSaveRule(orgId: string, onStage?: (stage: 'saving' | 'comparing') => void) {
  const refresh = useRefresh(ruleKeys.all(orgId));
  return useMutation({
    mutationFn: async (input: TSaveInput): Promise<TSaveResult> => {
      onStage?.('saving');
      if (input.kind === 'create') {
        const { rule } = await fetchJson<{ rule: TRule }>('/api/v1/rules', { method: 'POST', body: JSON.stringify(input.body) });
        void refresh();
        return { rule, comparison: null };
      }
      const { rule: stored, window } = input;
      // The stored version's figures are asked for before the change is written.
      const before = settle(runBacktest({ rule: { id: stored.id, ...ruleBody(stored) }, ...window }));
      const { rule } = await fetchJson<{ rule: TRule }>(`/api/v1/rules/${encodeURIComponent(stored.id)}`, { method: 'PATCH', body: JSON.stringify(input.patch) });
      // The table shows the new version while the comparison runs.
      void refresh();
      onStage?.('comparing');
      const after: Promise<TSide> = input.tested ? Promise.resolve({ result: input.tested }) : settle(runBacktest({ rule: { id: stored.id, ...input.body }, ...window }));
      const [b, a] = await Promise.all([before, after]);
      return { rule, comparison: { window, before: b, after: a } };
    },
    onSuccess: ({ rule }, input) => {
      toast.success('Rule saved', {
        description: `${rule.name}${input.kind === 'create' ? ' added' : ` is now version ${rule.version}`}. It applies from the next payment.`,
      });
    },
  });
}
