import type { TReason, TTransactionInput } from '@/lib/detections/schema';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition, type TConditionOperator } from './condition';
import { keyValue, MIN_RATIO_ATTEMPTS, parseFeature, setValue } from './features';
import { amountMessage, mismatchMessage, setMessage, unknownMessage, velocityMessage } from './messages';
import { ruleCondition, type TRuleSpec } from './schema';
import { readFeature, type TFeatureValues } from './velocity-plan';

/** One comparison of a rule against the attempt: `held` is null when it could not be evaluated. */
export type TComparisonResult = {
  comparison: TComparison;
  observed: number | string | boolean | null;
  held: boolean | null;
  message: string;
};

/**
 * A rule whose condition held for this attempt. `observed` is the value of a
 * one-comparison rule; `comparisons` has every comparison of the rule, held or
 * not, with its observed value.
 */
export type TFiredRule = { rule: TRuleSpec; observed?: number; message: string; comparisons: TComparisonResult[] };

export function compare(operator: TConditionOperator, observed: number, threshold: number): boolean {
  switch (operator) {
    case '>':
      return observed > threshold;
    case '>=':
      return observed >= threshold;
    case '<':
      return observed < threshold;
    case '<=':
      return observed <= threshold;
    default:
      return false;
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** One comparison against the attempt and its features. */
export function evaluateComparison(c: TComparison, input: TTransactionInput, values: TFeatureValues): TComparisonResult {
  const feature = parseFeature(c.feature);
  const unknown = (why: string): TComparisonResult => ({ comparison: c, observed: null, held: null, message: unknownMessage(c.feature, why) });
  if (!feature) return unknown('unknown feature');
  switch (feature.kind) {
    case 'amount': {
      const threshold = c.threshold as number;
      const op = c.operator as Parameters<typeof amountMessage>[0];
      return { comparison: c, observed: input.amount, held: compare(c.operator, input.amount, threshold), message: amountMessage(op, threshold, input) };
    }
    case 'set': {
      const value = setValue(input, feature.feature);
      if (value === null) return unknown(`the attempt has no ${c.feature.replace('_', ' ')}`);
      const codes = c.threshold as string[];
      const inSet = codes.includes(value);
      const operator = c.operator === 'not_in' ? 'not_in' : 'in';
      return { comparison: c, observed: value, held: operator === 'in' ? inSet : !inSet, message: setMessage(feature.feature, value, operator, codes) };
    }
    case 'mismatch': {
      const card = input.card?.country;
      const ip = input.ipCountry;
      if (!card || !ip) return unknown(!card ? 'the card has no country' : 'the attempt has no IP country');
      const mismatch = card !== ip;
      return { comparison: c, observed: mismatch, held: mismatch === c.threshold, message: mismatchMessage(card, ip) };
    }
    case 'velocity': {
      if (keyValue(input, feature.key) === null) return unknown(`the attempt has no ${feature.key}`);
      const o = readFeature(values, feature.key, feature.metric, c.windowSeconds);
      if (!o) return unknown(feature.metric === 'decline_ratio' ? `fewer than ${MIN_RATIO_ATTEMPTS} attempts for a ratio` : 'not computed');
      const threshold = c.threshold as number;
      const op = c.operator as Parameters<typeof velocityMessage>[1];
      const message = velocityMessage({ key: feature.key, metric: feature.metric, windowSeconds: c.windowSeconds, ...o }, op, threshold, input);
      return { comparison: c, observed: round(o.observed), held: compare(c.operator, o.observed, threshold), message };
    }
  }
}

/** Whether a condition holds: a comparison that cannot be evaluated does not hold (an `any` group may still). */
export function conditionHolds(condition: TCondition, results: ReadonlyMap<TComparison, TComparisonResult>): boolean {
  if (!isGroup(condition)) return results.get(condition)?.held === true;
  const parts = groupParts(condition);
  return groupKind(condition) === 'all' ? parts.every((p) => conditionHolds(p, results)) : parts.some((p) => conditionHolds(p, results));
}

/** "all of: a ✓; b ✓" with nested groups in parentheses; a one-comparison rule reads as its comparison. */
function conditionMessage(condition: TCondition, results: ReadonlyMap<TComparison, TComparisonResult>, nested = false): string {
  if (!isGroup(condition)) return results.get(condition)!.message;
  const kind = groupKind(condition);
  const parts = groupParts(condition).map((p) => {
    if (isGroup(p)) return conditionMessage(p, results, true);
    const r = results.get(p)!;
    return `${r.message} ${r.held ? '✓' : '✗'}`;
  });
  const text = `${kind === 'all' ? 'All of' : 'Any of'}: ${parts.join('; ')}`;
  return nested ? `(${text})` : text;
}

/** One rule against the attempt and its features; null when its condition does not hold. */
export function evaluateRule(rule: TRuleSpec, input: TTransactionInput, values: TFeatureValues): TFiredRule | null {
  const condition = ruleCondition(rule);
  const results = new Map(comparisonsOf(condition).map(({ comparison }) => [comparison, evaluateComparison(comparison, input, values)]));
  if (!conditionHolds(condition, results)) return null;
  const comparisons = [...results.values()];
  const single = !isGroup(condition) && typeof comparisons[0].observed === 'number' ? comparisons[0].observed : undefined;
  return { rule, observed: single, message: conditionMessage(condition, results), comparisons };
}

/** Every rule that fires, active and shadow alike (the decision tells them apart). */
export function evaluateRules(rules: readonly TRuleSpec[], input: TTransactionInput, values: TFeatureValues): TFiredRule[] {
  return rules.map((rule) => evaluateRule(rule, input, values)).filter((f) => f !== null);
}

/** The stored reason: what a person reads, plus the rule, the observed value(s) and the threshold. */
export function toReason(fired: TFiredRule, mode: 'active' | 'shadow' = fired.rule.mode): TReason {
  const { rule } = fired;
  // Every reason says what it did: its points, or the decision it forces.
  const effect = rule.action === 'SCORE' ? `${rule.scoreDelta > 0 ? '+' : ''}${rule.scoreDelta} points` : rule.action;
  const reason: TReason = { code: rule.key, message: `${fired.message} → ${effect}`, ruleId: rule.id };
  if (rule.condition) {
    reason.comparisons = fired.comparisons.map((r) => ({
      feature: r.comparison.feature,
      ...(r.comparison.windowSeconds ? { windowSeconds: r.comparison.windowSeconds } : {}),
      operator: r.comparison.operator,
      threshold: r.comparison.threshold,
      observed: r.observed,
      held: r.held,
    }));
  } else {
    reason.observed = fired.observed;
    reason.threshold = rule.threshold ?? undefined;
  }
  return { ...reason, action: rule.action, mode };
}
