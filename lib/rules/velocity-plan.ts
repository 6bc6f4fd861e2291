import type { TTransactionInput } from '@/lib/detections/schema';
import {
  aggregatesFor, featureId, KEY_COLUMN, keyValue, MIN_RATIO_ATTEMPTS, parseFeature, VELOCITY_ROW_CAP,
  type TAggregate, type TFeatureKey, type TMetric,
} from './features';
import { comparisonsOf } from './condition';
import { ruleCondition, type TRuleSpec } from './schema';

/** What to count for one key of the attempt: one subquery over its largest window. */
export type TKeyPlan = {
  key: TFeatureKey;
  column: string;
  value: string;
  maxWindowSeconds: number;
  aggregates: { aggregate: TAggregate; windowSeconds: number }[];
};

/** Computed values by featureId (`ip.attempts@1800`). */
export type TFeatureValues = ReadonlyMap<string, number>;

/**
 * The aggregates the rules need, only for keys the attempt carries: a rule on
 * email does nothing for an attempt without an email, and costs no query.
 */
export function planVelocity(rules: readonly Pick<TRuleSpec, 'feature' | 'windowSeconds' | 'operator' | 'threshold' | 'condition'>[], input: TTransactionInput): TKeyPlan[] {
  const plans = new Map<TFeatureKey, TKeyPlan>();
  // Every comparison of every rule, a compound rule's included.
  const comparisons = rules.flatMap((r) => comparisonsOf(ruleCondition(r)).map((c) => c.comparison));
  for (const rule of comparisons) {
    const feature = parseFeature(rule.feature);
    if (feature?.kind !== 'velocity') continue;
    const value = keyValue(input, feature.key);
    if (value === null) continue;
    const plan = plans.get(feature.key) ?? { key: feature.key, column: KEY_COLUMN[feature.key], value, maxWindowSeconds: 0, aggregates: [] };
    plans.set(feature.key, plan);
    plan.maxWindowSeconds = Math.max(plan.maxWindowSeconds, rule.windowSeconds);
    // Attempts in the same window too: they tell whether the other counts hit the row cap (a "200+" lower bound).
    for (const aggregate of new Set<TAggregate>([...aggregatesFor(feature.metric), 'attempts'])) {
      if (!plan.aggregates.some((a) => a.aggregate === aggregate && a.windowSeconds === rule.windowSeconds)) {
        plan.aggregates.push({ aggregate, windowSeconds: rule.windowSeconds });
      }
    }
  }
  return [...plans.values()];
}

/** An observed value; `capped`: counted over the key's VELOCITY_ROW_CAP most recent rows only, so a lower bound. */
export type TObserved = { observed: number; attempts?: number; declines?: number; capped?: boolean };

/**
 * A velocity feature's value, or null when it cannot be evaluated: the key is
 * missing on the attempt, or a ratio has fewer than MIN_RATIO_ATTEMPTS attempts.
 */
export function readFeature(values: TFeatureValues, key: TFeatureKey, metric: TMetric, windowSeconds: number): TObserved | null {
  if (metric === 'decline_ratio') {
    const attempts = values.get(featureId(key, 'attempts', windowSeconds));
    const declines = values.get(featureId(key, 'declines', windowSeconds));
    if (attempts === undefined || declines === undefined || attempts < MIN_RATIO_ATTEMPTS) return null;
    return { observed: declines / attempts, attempts, declines };
  }
  const observed = values.get(featureId(key, metric, windowSeconds));
  if (observed === undefined) return null;
  // The rows read are the cap plus the attempt itself: a window holding all of them may hold more.
  const capped = (values.get(featureId(key, 'attempts', windowSeconds)) ?? 0) > VELOCITY_ROW_CAP;
  return capped ? { observed, capped } : { observed };
}
