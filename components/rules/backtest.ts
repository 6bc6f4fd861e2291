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

const COUNT = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => COUNT.format(n);

/** 0.4567 → "45.7%"; null → "—" (nothing labelled to measure it on). */
export function formatRatio(value: number | null): string {
  if (value === null) return '—';
  return `${Math.round(value * 1000) / 10}%`;
}

/** "12 of 40 (30%)"; the share is left out of a total of 0. */
export function formatShare(part: number, total: number): string {
  return total > 0 ? `${formatCount(part)} of ${formatCount(total)} (${formatRatio(part / total)})` : `${formatCount(part)} of 0`;
}

/** "ALLOW->BLOCK" → "ALLOW → BLOCK", the changes largest first. */
export function decisionChangeList(changes: Record<string, number>): { pair: string; label: string; count: number }[] {
  return Object.entries(changes)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([pair, count]) => ({ pair, label: pair.replace('->', ' → '), count }));
}

/** An observed value as a cell: numbers grouped, yes/no, lists joined; one per comparison joined with " · ". */
export function formatObserved(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatObserved).join(' · ');
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? formatCount(value) : String(Math.round(value * 1000) / 1000);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
