import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useFormats } from '@/hooks/use-formats';
import { builtInKey } from '@/hooks/use-rule-name';
import { OPERATOR_SYMBOL } from '@/lib/rules/messages';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition } from '@/lib/rules/condition';
import type { TRule } from '@/lib/rules/schema';
import type { TFormats } from '@/lib/format';
import type { TMessages } from '@/messages';

// How the settings page names features, windows, conditions and actions, in
// the viewer's language (catalog namespace `rules`, part `labels`).

export type TRulesT = ReturnType<typeof useTranslations<'rules'>>;

/**
 * The currency a rule's amount threshold is shown in. A rule stores minor
 * units without a currency (it compares every payment's own amount), and the
 * page knows no org currency: EUR, the editor's default (DEFAULT_AMOUNT_CURRENCY).
 */
export const DISPLAY_CURRENCY = 'EUR';

const METRICS = ['attempts', 'distinct_cards', 'declines', 'decline_ratio', 'amount_sum'] as const;
const KEYS = ['ip', 'card', 'bin', 'email', 'device', 'customer'] as const;
const ATTEMPTS = ['amount', 'currency', 'card_country', 'ip_country', 'country_mismatch'] as const;
const has = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export const isAmountFeature = (feature: string) => feature === 'amount' || feature.endsWith('.amount_sum');
export const isRatioFeature = (feature: string) => feature.endsWith('.decline_ratio');

export const comparisonCount = (condition: TCondition) => comparisonsOf(condition).length;

export const actionTone = (action: TRule['action']) =>
  action === 'BLOCK' ? 'block' : action === 'REVIEW' ? 'review' : action === 'ALLOW' ? 'allow' : 'neutral';

/** "30 min", "1 h", "7 d" / "7 j": the largest unit that holds the window exactly. */
function windowText(t: TRulesT, seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return t('labels.window', { unit: 'd', n: seconds / 86_400 });
  if (seconds % 3600 === 0) return t('labels.window', { unit: 'h', n: seconds / 3600 });
  if (seconds % 60 === 0) return t('labels.window', { unit: 'min', n: seconds / 60 });
  return t('labels.window', { unit: 's', n: seconds });
}

export function ruleLabels(t: TRulesT, f: TFormats) {
  const featureLabel = (feature: string | null): string => {
    if (feature === null) return t('labels.condition');
    if (has(ATTEMPTS, feature)) return t(`labels.attempt.${feature}`);
    const [key, metric] = feature.split('.');
    return t('labels.velocity', {
      metric: has(METRICS, metric) ? t(`labels.metric.${metric}`) : metric,
      key: has(KEYS, key) ? t(`labels.key.${key}`) : key,
    });
  };

  /** "> 5", "> 50%", "> €1,000.00" / "> 1 000,00 €" */
  const thresholdLabel = (rule: { feature: string | null; threshold: TComparison['threshold'] | null }): string => {
    const { feature, threshold } = rule;
    if (feature === null || threshold === null) return '—';
    if (typeof threshold === 'boolean') return threshold ? t('labels.yes') : t('labels.no');
    if (Array.isArray(threshold)) return threshold.join(', ');
    if (isRatioFeature(feature)) return f.percent(threshold);
    if (isAmountFeature(feature)) return f.money(threshold, DISPLAY_CURRENCY);
    return f.number(threshold);
  };

  const operatorLabel = (rule: { operator: string | null }): string => {
    const op = rule.operator;
    if (op === null) return '';
    if (op === 'in' || op === 'not_in' || op === 'is') return t(`labels.${op}`);
    return OPERATOR_SYMBOL[op as keyof typeof OPERATOR_SYMBOL] ?? op;
  };

  const windowLabel = (rule: { feature: string | null; windowSeconds: number | null }) =>
    rule.feature === null || !rule.windowSeconds ? '—' : windowText(t, rule.windowSeconds);

  /** One comparison as a line: "Attempts per IP in 30 min > 5", "Card country not in FR, DE". */
  const comparisonLabel = (c: TComparison): string => {
    const values = { feature: featureLabel(c.feature), op: operatorLabel(c), threshold: thresholdLabel(c) };
    return c.windowSeconds ? t('labels.comparisonInWindow', { ...values, window: windowText(t, c.windowSeconds) }) : t('labels.comparison', values);
  };

  /** A whole condition in one line: "All of: …; any of (…)". */
  const conditionLabel = (condition: TCondition): string => {
    if (!isGroup(condition)) return comparisonLabel(condition);
    const parts = groupParts(condition).map((p) => (isGroup(p) ? `(${conditionLabel(p)})` : comparisonLabel(p)));
    return t(groupKind(condition) === 'all' ? 'labels.all' : 'labels.any', { parts: parts.join(t('labels.separator')) });
  };

  const actionLabel = (rule: Pick<TRule, 'action' | 'scoreDelta'>): string =>
    rule.action === 'SCORE' ? t('labels.action.SCORE', { delta: `${rule.scoreDelta > 0 ? '+' : ''}${rule.scoreDelta}` }) : t(`labels.action.${rule.action}`);

  /** The rule's name to show, and whether it is the merchant's own (to mark translate="no"). */
  const ruleName = (rule: { key: string; name: string }): { text: string; own: boolean } => {
    const key = builtInKey(rule);
    return key ? { text: t(`defaults.${key}`), own: false } : { text: rule.name, own: true };
  };

  return { featureLabel, thresholdLabel, operatorLabel, windowLabel, comparisonLabel, conditionLabel, actionLabel, ruleName };
}

export type TRuleLabels = ReturnType<typeof ruleLabels>;

export function useRuleLabels(): TRuleLabels {
  const t = useTranslations('rules');
  const f = useFormats();
  return useMemo(() => ruleLabels(t, f), [t, f]);
}
