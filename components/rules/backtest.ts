import type { TFormats } from '@/lib/format';
import type { TRuleBody } from './rule-draft';

// POST /api/v1/rules/backtest as the editor calls it (the answer's types are
// the route's own, lib/rules/backtest-schema.ts) and the figures derived from it.

export type { TBacktestExample, TBacktestResult } from '@/lib/rules/backtest-schema';

/** The body of one backtest: the rule (with `id` to replace a stored rule) over [from, to). */
export type TBacktestRequest = { rule: Omit<TRuleBody, 'name'> & { id?: string; key?: string; name?: string }; from: string; to: string };

export type TBacktestDays = 7 | 30;

/** The last `days` days up to now. */
export function lastDays(days: number, now = Date.now()): { from: string; to: string } {
  return { from: new Date(now - days * 86_400_000).toISOString(), to: new Date(now).toISOString() };
}

/** The window's length in whole days, to say "the last 30 days" of a result. */
export const windowDays = (r: { from: string; to: string }) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000);

/** 0.4567 → "45.7%" / "45,7 %"; null → "—" (nothing labelled to measure it on). */
export function formatRatio(value: number | null, f: TFormats): string {
  if (value === null) return '—';
  return f.percent(value);
}

/** The parts of "12 of 40 (30%)", formatted; no ratio for a total of 0. The sentence is the catalog's (rules.backtest.share / of). */
export function shareParts(part: number, total: number, f: TFormats): { part: string; total: string; ratio: string | null } {
  return { part: f.number(part), total: f.number(total), ratio: total > 0 ? formatRatio(part / total, f) : null };
}

const DECISIONS = ['ALLOW', 'REVIEW', 'BLOCK'] as const;
export type TDecisionName = (typeof DECISIONS)[number];
const isDecision = (d: string): d is TDecisionName => (DECISIONS as readonly string[]).includes(d);

/** "ALLOW->BLOCK" → from ALLOW to BLOCK, the changes largest first (an unknown pair is left out). */
export function decisionChangeList(changes: Record<string, number>): { pair: string; from: TDecisionName; to: TDecisionName; count: number }[] {
  return Object.entries(changes)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .flatMap(([pair, count]) => {
      const [from, to] = pair.split('->');
      return isDecision(from) && isDecision(to) ? [{ pair, from, to, count }] : [];
    });
}

/** An observed value as a cell: numbers grouped, yes/no, lists joined; one per comparison joined with " · ". */
export function formatObserved(value: unknown, f: TFormats, words: { yes: string; no: string }): string {
  if (Array.isArray(value)) return value.map((v) => formatObserved(v, f, words)).join(' · ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return f.number(Number.isInteger(value) ? value : Math.round(value * 1000) / 1000);
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  return String(value);
}
