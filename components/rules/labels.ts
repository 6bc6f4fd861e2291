import { formatWindow, OPERATOR_SYMBOL } from '@/lib/rules/messages';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition } from '@/lib/rules/condition';
import type { TRule } from '@/lib/rules/schema';

// How the settings page names features, windows, conditions and actions.

const KEY_LABEL: Record<string, string> = { ip: 'IP', card: 'card', bin: 'BIN', email: 'email', device: 'device', customer: 'customer' };
const METRIC_LABEL: Record<string, string> = {
  attempts: 'Attempts',
  distinct_cards: 'Distinct cards',
  declines: 'Declines',
  decline_ratio: 'Decline ratio',
  amount_sum: 'Amount total',
};

const ATTEMPT_LABEL: Record<string, string> = {
  amount: 'Amount of the attempt',
  currency: 'Currency',
  card_country: 'Card country',
  ip_country: 'IP country',
  country_mismatch: 'Card and IP countries differ',
};

export function featureLabel(feature: string | null): string {
  if (feature === null) return 'Condition';
  if (ATTEMPT_LABEL[feature]) return ATTEMPT_LABEL[feature];
  const [key, metric] = feature.split('.');
  return `${METRIC_LABEL[metric] ?? metric} per ${KEY_LABEL[key] ?? key}`;
}

export const isAmountFeature = (feature: string) => feature === 'amount' || feature.endsWith('.amount_sum');
export const isRatioFeature = (feature: string) => feature.endsWith('.decline_ratio');

/** "> 5", "> 50%", "< 100 (minor units)" */
export function thresholdLabel(rule: { feature: string | null; threshold: TComparison['threshold'] | null }): string {
  const { feature, threshold } = rule;
  if (feature === null || threshold === null) return '—';
  if (typeof threshold === 'boolean') return threshold ? 'yes' : 'no';
  if (Array.isArray(threshold)) return threshold.join(', ');
  if (isRatioFeature(feature)) return `${Math.round(threshold * 1000) / 10}%`;
  if (isAmountFeature(feature)) return `${threshold.toLocaleString('en-US')} (minor units)`;
  return threshold.toLocaleString('en-US');
}

const CONDITION_OPERATOR: Record<string, string> = { ...OPERATOR_SYMBOL, in: 'in', not_in: 'not in', is: 'is' };

export const operatorLabel = (rule: { operator: string | null }) => (rule.operator === null ? '' : (CONDITION_OPERATOR[rule.operator] ?? rule.operator));

export const windowLabel = (rule: { feature: string | null; windowSeconds: number | null }) =>
  rule.feature === null || !rule.windowSeconds ? '—' : formatWindow(rule.windowSeconds);

/** One comparison as a line: "Attempts per IP in 30 min > 5", "Card country in FR, DE". */
export function comparisonLabel(c: TComparison): string {
  const window = c.windowSeconds ? ` in ${formatWindow(c.windowSeconds)}` : '';
  return `${featureLabel(c.feature)}${window} ${operatorLabel(c)} ${thresholdLabel(c)}`;
}

/** A whole condition in one line: "All of: …; any of (…)". */
export function conditionLabel(condition: TCondition): string {
  if (!isGroup(condition)) return comparisonLabel(condition);
  const parts = groupParts(condition).map((p) => (isGroup(p) ? `(${conditionLabel(p)})` : comparisonLabel(p)));
  return `${groupKind(condition) === 'all' ? 'All of' : 'Any of'}: ${parts.join('; ')}`;
}

export const comparisonCount = (condition: TCondition) => comparisonsOf(condition).length;

export function actionLabel(rule: Pick<TRule, 'action' | 'scoreDelta'>): string {
  if (rule.action !== 'SCORE') return rule.action;
  return `SCORE ${rule.scoreDelta > 0 ? '+' : ''}${rule.scoreDelta}`;
}

export const actionTone = (action: TRule['action']) =>
  action === 'BLOCK' ? 'block' : action === 'REVIEW' ? 'review' : action === 'ALLOW' ? 'allow' : 'neutral';
