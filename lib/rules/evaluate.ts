import type { TReason, TTransactionInput } from '@/lib/detections/schema';
import { keyValue, parseFeature } from './features';
import { amountMessage, velocityMessage } from './messages';
import type { TRuleOperator, TRuleSpec } from './schema';
import { readFeature, type TFeatureValues } from './velocity-plan';

/** A rule whose condition held for this attempt. */
export type TFiredRule = { rule: TRuleSpec; observed: number; message: string };

export function compare(operator: TRuleOperator, observed: number, threshold: number): boolean {
  switch (operator) {
    case '>':
      return observed > threshold;
    case '>=':
      return observed >= threshold;
    case '<':
      return observed < threshold;
  }
}

/** One rule against the attempt and its features; null when it does not fire or cannot be evaluated. */
export function evaluateRule(rule: TRuleSpec, input: TTransactionInput, values: TFeatureValues): TFiredRule | null {
  const feature = parseFeature(rule.feature);
  if (!feature) return null;
  if (feature.kind === 'amount') {
    if (!compare(rule.operator, input.amount, rule.threshold)) return null;
    return { rule, observed: input.amount, message: amountMessage(rule.operator, rule.threshold, input) };
  }
  if (keyValue(input, feature.key) === null) return null;
  const o = readFeature(values, feature.key, feature.metric, rule.windowSeconds);
  if (!o || !compare(rule.operator, o.observed, rule.threshold)) return null;
  const message = velocityMessage({ key: feature.key, metric: feature.metric, windowSeconds: rule.windowSeconds, ...o }, rule.operator, rule.threshold, input);
  return { rule, observed: Math.round(o.observed * 10_000) / 10_000, message };
}

/** Every rule that fires, active and shadow alike (the decision tells them apart). */
export function evaluateRules(rules: readonly TRuleSpec[], input: TTransactionInput, values: TFeatureValues): TFiredRule[] {
  return rules.map((rule) => evaluateRule(rule, input, values)).filter((f) => f !== null);
}

/** The stored reason: what a person reads, plus the rule, the observed value and the threshold. */
export function toReason(fired: TFiredRule, mode: 'active' | 'shadow' = fired.rule.mode): TReason {
  const { rule } = fired;
  // Every reason says what it did: its points, or the decision it forces.
  const effect = rule.action === 'SCORE' ? `${rule.scoreDelta > 0 ? '+' : ''}${rule.scoreDelta} points` : rule.action;
  return {
    code: rule.key,
    message: `${fired.message} → ${effect}`,
    ruleId: rule.id,
    observed: fired.observed,
    threshold: rule.threshold,
    action: rule.action,
    mode,
  };
}
