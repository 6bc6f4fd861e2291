import { z } from 'zod';
import { FEATURES, isSetFeature, MAX_WINDOW_SECONDS, MIN_WINDOW_SECONDS, parseFeature, type TFeature } from './features';

// A rule's condition: one comparison, or an `all` / `any` group of comparisons
// and groups (DESIGN.md, "Rules that learn"). No database imports: the rule
// editor in the browser builds and checks conditions with the same code.

export const NUMERIC_OPERATORS = ['>', '>=', '<', '<='] as const;
export const SET_OPERATORS = ['in', 'not_in'] as const;
export const CONDITION_OPERATORS = [...NUMERIC_OPERATORS, ...SET_OPERATORS, 'is'] as const;
export type TConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** A group inside a group inside a group: deeper than that no person reads it. */
export const MAX_CONDITION_DEPTH = 3;
export const MAX_COMPARISONS = 20;
export const MAX_SET_CODES = 50;

export type TComparison = {
  feature: TFeature;
  /** Velocity features only; 0 for the attempt's own fields. */
  windowSeconds: number;
  operator: TConditionOperator;
  /** A number for numeric features, codes for `in` / `not_in`, true or false for `is`. */
  threshold: number | string[] | boolean;
};
export type TConditionGroup = { all: TCondition[] } | { any: TCondition[] };
export type TCondition = TComparison | TConditionGroup;

export const isGroup = (c: TCondition): c is TConditionGroup => 'all' in c || 'any' in c;
export const groupParts = (g: TConditionGroup): TCondition[] => ('all' in g ? g.all : g.any);
export const groupKind = (g: TConditionGroup): 'all' | 'any' => ('all' in g ? 'all' : 'any');

/** Every comparison of a condition, in reading order, with its path ("condition.all[1].any[0]"). */
export function comparisonsOf(condition: TCondition, path = 'condition'): { comparison: TComparison; path: string }[] {
  if (!isGroup(condition)) return [{ comparison: condition, path }];
  const kind = groupKind(condition);
  return groupParts(condition).flatMap((part, i) => comparisonsOf(part, `${path}.${kind}[${i}]`));
}

const comparisonShape = z.strictObject({
  feature: z.enum(FEATURES as [TFeature, ...TFeature[]], { error: `Must be one of ${FEATURES.join(', ')}` }),
  windowSeconds: z
    .number({ error: 'Must be a number of seconds, for example 600 for 10 minutes' })
    .int('Must be a whole number of seconds')
    .min(0, 'Must not be negative')
    .max(MAX_WINDOW_SECONDS, `At most ${MAX_WINDOW_SECONDS} seconds (7 days)`)
    .optional(),
  operator: z.enum(CONDITION_OPERATORS, { error: `Must be one of ${CONDITION_OPERATORS.map((o) => `"${o}"`).join(', ')}` }),
  threshold: z.union([z.number().finite(), z.array(z.string()), z.boolean()], {
    error: 'Must be a number, a list of codes such as ["FR", "DE"], or true / false',
  }),
});

/**
 * The wire shape, checked in depth: a zod schema for the fields of each
 * comparison, then the checks that need the whole (the operator fits the
 * feature, a window for a velocity feature, nesting, size). Each error names
 * the part at fault by its path, e.g. `condition.all[1].any[0].threshold`.
 */
export const ZConditionSchema: z.ZodType<TCondition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(ZConditionSchema).min(1, 'A group needs at least one comparison') }),
      z.strictObject({ any: z.array(ZConditionSchema).min(1, 'A group needs at least one comparison') }),
      comparisonShape.transform((c) => ({ ...c, windowSeconds: c.windowSeconds ?? 0 })),
    ],
    { error: 'Must be a comparison { "feature", "operator", "threshold", "windowSeconds"? } or a group { "all": [ … ] } / { "any": [ … ] }' },
  ),
) as z.ZodType<TCondition>;

/** What is wrong with one comparison as a whole, or null; `field` names the field at fault. */
export function comparisonProblem(c: TComparison): { field: string; message: string } | null {
  const feature = parseFeature(c.feature);
  if (!feature) return { field: 'feature', message: `Unknown feature "${c.feature}"` };
  const numeric = (NUMERIC_OPERATORS as readonly string[]).includes(c.operator);
  switch (feature.kind) {
    case 'velocity':
      if (c.windowSeconds < MIN_WINDOW_SECONDS || c.windowSeconds > MAX_WINDOW_SECONDS) {
        return { field: 'windowSeconds', message: `A velocity feature needs a window from ${MIN_WINDOW_SECONDS} seconds to ${MAX_WINDOW_SECONDS} seconds (7 days), for example 600 for 10 minutes` };
      }
      break;
    default:
      if (c.windowSeconds !== 0) return { field: 'windowSeconds', message: `${c.feature} is a field of the attempt itself and has no window: leave windowSeconds out` };
  }
  if (feature.kind === 'velocity' || feature.kind === 'amount') {
    if (!numeric) return { field: 'operator', message: `${c.feature} is a number: use ">", ">=", "<" or "<="` };
    if (typeof c.threshold !== 'number') return { field: 'threshold', message: `${c.feature} is compared with a number, for example 5` };
    if (c.threshold < 0) return { field: 'threshold', message: 'Must not be negative' };
    if (c.threshold > 1_000_000_000_000) return { field: 'threshold', message: 'Too large' };
    if (feature.kind === 'velocity' && feature.metric === 'decline_ratio' && c.threshold > 1) {
      return { field: 'threshold', message: 'A decline ratio is between 0 and 1: 0.5 means half of the attempts were declined' };
    }
    return null;
  }
  if (feature.kind === 'set') {
    if (c.operator !== 'in' && c.operator !== 'not_in') return { field: 'operator', message: `${c.feature} is compared with a list of codes: use "in" or "not_in"` };
    const codes = c.threshold;
    const example = c.feature === 'currency' ? '["EUR", "USD"]' : '["FR", "DE"]';
    if (!Array.isArray(codes) || codes.length === 0) return { field: 'threshold', message: `A list of one or more codes, for example ${example}` };
    if (codes.length > MAX_SET_CODES) return { field: 'threshold', message: `At most ${MAX_SET_CODES} codes` };
    const pattern = c.feature === 'currency' ? /^[A-Z]{3}$/ : /^[A-Z]{2}$/;
    const bad = codes.find((code) => !pattern.test(code));
    if (bad !== undefined) {
      return { field: 'threshold', message: `"${bad.slice(0, 12)}" is not ${c.feature === 'currency' ? 'an ISO 4217 currency code' : 'an ISO 3166 alpha-2 country code'} in capitals, for example ${example}` };
    }
    return null;
  }
  if (c.operator !== 'is') return { field: 'operator', message: 'country_mismatch is true or false: use "is"' };
  if (typeof c.threshold !== 'boolean') return { field: 'threshold', message: 'true (the card and IP countries differ) or false (they are the same)' };
  return null;
}

/** The first problem of a whole condition with its path, or null. */
export function conditionProblem(condition: TCondition): { field: string; message: string } | null {
  const depth = (c: TCondition): number => (isGroup(c) ? 1 + Math.max(...groupParts(c).map(depth)) : 0);
  if (depth(condition) > MAX_CONDITION_DEPTH) {
    return { field: 'condition', message: `Groups nest at most ${MAX_CONDITION_DEPTH} deep: flatten an all inside an all, or split the rule in two` };
  }
  const comparisons = comparisonsOf(condition);
  if (comparisons.length > MAX_COMPARISONS) return { field: 'condition', message: `At most ${MAX_COMPARISONS} comparisons in one rule` };
  for (const { comparison, path } of comparisons) {
    const problem = comparisonProblem(comparison);
    if (problem) return { field: `${path}.${problem.field}`, message: problem.message };
  }
  return null;
}

/** Normalises codes before the checks: trimmed, upper-case, each once. */
export function normaliseCondition(condition: TCondition): TCondition {
  if (isGroup(condition)) {
    const parts = groupParts(condition).map(normaliseCondition);
    return groupKind(condition) === 'all' ? { all: parts } : { any: parts };
  }
  if (Array.isArray(condition.threshold) && isSetFeature(condition.feature)) {
    return { ...condition, threshold: [...new Set(condition.threshold.map((c) => c.trim().toUpperCase()))] };
  }
  return condition;
}
