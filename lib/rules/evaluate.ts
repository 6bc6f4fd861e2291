import type { TReason, TTransactionInput } from '@/lib/detections/schema';
import type { TComparisonText, TConditionText, TUnknownWhy } from '@/lib/reasons/text';
import { comparisonsOf, groupKind, groupParts, isGroup, type TComparison, type TCondition, type TConditionOperator } from './condition';
import { keyValue, MIN_RATIO_ATTEMPTS, parseFeature, setValue, type TFeatureKey } from './features';
import { amountMessage, mismatchMessage, setMessage, unknownMessage, velocityMessage } from './messages';
import { ruleCondition, type TRuleSpec } from './schema';
import { readFeature, type TFeatureValues } from './velocity-plan';

/** One comparison of a rule against the attempt: `held` is null when it could not be evaluated. */
export type TComparisonResult = {
  comparison: TComparison;
  observed: number | string | boolean | null;
  held: boolean | null;
  message: string;
  /** The same, as values (lib/reasons/text.ts). */
  text: TComparisonText;
};

/**
 * A rule whose condition held for this attempt. `observed` is the value of a
 * one-comparison rule; `comparisons` has every comparison of the rule, held or
 * not, with its observed value.
 */
export type TFiredRule = { rule: TRuleSpec; observed?: number; message: string; comparisons: TComparisonResult[]; condition: TConditionText };

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
  const base = { feature: c.feature, ...(c.windowSeconds ? { windowSeconds: c.windowSeconds } : {}), operator: c.operator, threshold: c.threshold };
  const unknown = (why: string, code: TUnknownWhy): TComparisonResult => ({
    comparison: c,
    observed: null,
    held: null,
    message: unknownMessage(c.feature, why),
    text: { ...base, held: null, unknown: code },
  });
  if (!feature) return unknown('unknown feature', { why: 'unknown_feature' });
  switch (feature.kind) {
    case 'amount': {
      const threshold = c.threshold as number;
      const op = c.operator as Parameters<typeof amountMessage>[0];
      const held = compare(c.operator, input.amount, threshold);
      return { comparison: c, observed: input.amount, held, message: amountMessage(op, threshold, input), text: { ...base, held, observed: input.amount, currency: input.currency } };
    }
    case 'set': {
      const value = setValue(input, feature.feature);
      if (value === null) return unknown(`the attempt has no ${c.feature.replace('_', ' ')}`, { why: 'no_value', what: c.feature });
      const codes = c.threshold as string[];
      const inSet = codes.includes(value);
      const operator = c.operator === 'not_in' ? 'not_in' : 'in';
      const held = operator === 'in' ? inSet : !inSet;
      return { comparison: c, observed: value, held, message: setMessage(feature.feature, value, operator, codes), text: { ...base, held, observed: value } };
    }
    case 'mismatch': {
      const card = input.card?.country;
      const ip = input.ipCountry;
      if (!card || !ip) return unknown(!card ? 'the card has no country' : 'the attempt has no IP country', { why: !card ? 'no_card_country' : 'no_ip_country' });
      const mismatch = card !== ip;
      const held = mismatch === c.threshold;
      return { comparison: c, observed: mismatch, held, message: mismatchMessage(card, ip), text: { ...base, held, observed: mismatch, cardCountry: card, ipCountry: ip } };
    }
    case 'velocity': {
      if (keyValue(input, feature.key) === null) return unknown(`the attempt has no ${feature.key}`, { why: 'no_value', what: feature.key });
      const o = readFeature(values, feature.key, feature.metric, c.windowSeconds);
      if (!o)
        return feature.metric === 'decline_ratio'
          ? unknown(`fewer than ${MIN_RATIO_ATTEMPTS} attempts for a ratio`, { why: 'too_few_attempts', min: MIN_RATIO_ATTEMPTS })
          : unknown('not computed', { why: 'not_computed' });
      const threshold = c.threshold as number;
      const op = c.operator as Parameters<typeof velocityMessage>[1];
      const message = velocityMessage({ key: feature.key, metric: feature.metric, windowSeconds: c.windowSeconds, ...o }, op, threshold, input);
      const held = compare(c.operator, o.observed, threshold);
      // Stored rounded like the reason's own `observed`: a ratio's 16 decimals (30/43 =
      // 0.6976744186046512) read as a Luhn-valid card number to any PAN scanner of the database.
      const text: TComparisonText = { ...base, held, observed: round(o.observed), subject: subjectValue(feature.key, input), ...(o.capped ? { capped: true } : {}) };
      if (o.attempts !== undefined) Object.assign(text, { attempts: o.attempts, declines: o.declines });
      if (feature.metric === 'amount_sum') text.currency = input.currency;
      return { comparison: c, observed: round(o.observed), held, message, text };
    }
  }
}

/** The key's value as a reason shows it: the card by its last four digits when known. */
function subjectValue(key: TFeatureKey, input: TTransactionInput): string {
  if (key === 'card') return input.card?.last4 ? `•••• ${input.card.last4}` : String(input.card?.fingerprint);
  return String(keyValue(input, key));
}

/** The condition's tree with each comparison's values. */
function conditionText(condition: TCondition, results: ReadonlyMap<TComparison, TComparisonResult>): TConditionText {
  if (!isGroup(condition)) return results.get(condition)!.text;
  return { group: groupKind(condition), parts: groupParts(condition).map((p) => conditionText(p, results)) };
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
  return { rule, observed: single, message: conditionMessage(condition, results), comparisons, condition: conditionText(condition, results) };
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
  const reason: TReason = {
    code: rule.key,
    message: `${fired.message} → ${effect}`,
    ruleId: rule.id,
    text: { kind: 'rule', condition: fired.condition, action: rule.action, ...(rule.action === 'SCORE' ? { points: rule.scoreDelta } : {}) },
  };
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
