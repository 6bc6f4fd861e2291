import { formatWindow, OPERATOR_SYMBOL } from '@/lib/rules/messages';
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

export function featureLabel(feature: string): string {
  if (feature === 'amount') return 'Amount of the attempt';
  const [key, metric] = feature.split('.');
  return `${METRIC_LABEL[metric] ?? metric} per ${KEY_LABEL[key] ?? key}`;
}

export const isAmountFeature = (feature: string) => feature === 'amount' || feature.endsWith('.amount_sum');
export const isRatioFeature = (feature: string) => feature.endsWith('.decline_ratio');

/** "> 5", "> 50%", "< 100 (minor units)" */
export function thresholdLabel(rule: Pick<TRule, 'feature' | 'threshold'>): string {
  if (isRatioFeature(rule.feature)) return `${Math.round(rule.threshold * 1000) / 10}%`;
  if (isAmountFeature(rule.feature)) return `${rule.threshold.toLocaleString('en-US')} (minor units)`;
  return rule.threshold.toLocaleString('en-US');
}

export const operatorLabel = (rule: Pick<TRule, 'operator'>) => OPERATOR_SYMBOL[rule.operator];

export const windowLabel = (rule: Pick<TRule, 'feature' | 'windowSeconds'>) => (rule.feature === 'amount' ? '—' : formatWindow(rule.windowSeconds));

export function actionLabel(rule: Pick<TRule, 'action' | 'scoreDelta'>): string {
  if (rule.action !== 'SCORE') return rule.action;
  return `SCORE ${rule.scoreDelta > 0 ? '+' : ''}${rule.scoreDelta}`;
}

export const actionTone = (action: TRule['action']) =>
  action === 'BLOCK' ? 'block' : action === 'REVIEW' ? 'review' : action === 'ALLOW' ? 'allow' : 'neutral';
