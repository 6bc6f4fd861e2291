import { AppError } from '@/lib/errors';
import { comparisonProblem, conditionProblem, isGroup, normaliseCondition, type TCondition } from './condition';
import { parseFeature, type TFeature } from './features';
import { RULE_OPERATORS, type TRuleOperator, type TRuleSpec } from './schema';

const invalid = (field: string, message: string) => new AppError('validation_error', `${field}: ${message}`, { field });

/** How a rule's condition is stored: the flat fields for one numeric comparison, else `condition`. */
export type TStoredCondition =
  | { feature: TFeature; windowSeconds: number; operator: TRuleOperator; threshold: number; condition: null }
  | { feature: null; windowSeconds: null; operator: null; threshold: null; condition: TCondition };

const isFlatOperator = (op: string): op is TRuleOperator => (RULE_OPERATORS as readonly string[]).includes(op);

/**
 * One comparison held in the flat fields (v1's form). Checked with the same
 * rules as a comparison in a condition, and named by the flat field at fault.
 */
function flatCondition(flat: { feature: TFeature; windowSeconds: number; operator: string; threshold: number }): TStoredCondition {
  const feature = parseFeature(flat.feature);
  if (!feature) throw invalid('feature', `Unknown feature "${flat.feature}"`);
  if (feature.kind !== 'velocity' && feature.kind !== 'amount') {
    throw invalid('feature', `${flat.feature} is compared in a condition: send "condition": { "all": [ { "feature": "${flat.feature}", "operator": ..., "threshold": ... } ] } instead of the flat fields`);
  }
  if (feature.kind === 'amount' && flat.windowSeconds !== 0) {
    throw invalid('windowSeconds', 'The amount feature compares the attempt itself and has no window: leave windowSeconds out or send 0');
  }
  const problem = comparisonProblem({ ...flat, operator: flat.operator as TRuleOperator });
  if (problem) throw invalid(problem.field, problem.message);
  return { ...flat, operator: flat.operator as TRuleOperator, condition: null };
}

/** A condition sent as such: a lone numeric comparison is kept in the flat fields, anything else as the condition. */
function sentCondition(sent: TCondition): TStoredCondition {
  const condition = normaliseCondition(sent);
  const problem = conditionProblem(condition);
  if (problem) throw invalid(problem.field, problem.message);
  if (!isGroup(condition)) {
    const feature = parseFeature(condition.feature);
    if ((feature?.kind === 'velocity' || feature?.kind === 'amount') && isFlatOperator(condition.operator) && typeof condition.threshold === 'number') {
      return { feature: condition.feature, windowSeconds: condition.windowSeconds, operator: condition.operator, threshold: condition.threshold, condition: null };
    }
  }
  return { feature: null, windowSeconds: null, operator: null, threshold: null, condition };
}

type TConditionInput = { feature?: TFeature; windowSeconds?: number; operator?: TRuleOperator; threshold?: number; condition?: TCondition | null };
const FLAT_FIELDS = ['feature', 'windowSeconds', 'operator', 'threshold'] as const;

/** The condition of a new rule, from the flat fields or `condition` (never both). */
export function conditionForCreate(input: TConditionInput): TStoredCondition {
  const flatSent = FLAT_FIELDS.filter((f) => input[f] !== undefined);
  if (input.condition) {
    if (flatSent.length > 0) throw invalid(flatSent[0], 'Send either a condition or the flat fields (feature, windowSeconds, operator, threshold), not both');
    return sentCondition(input.condition);
  }
  for (const field of ['feature', 'operator', 'threshold'] as const) {
    if (input[field] === undefined) {
      throw invalid(field, `Required (or send a "condition" instead): ${field === 'feature' ? 'what to compare, for example "ip.attempts"' : field === 'operator' ? '">", ">=", "<" or "<="' : 'the value to compare with, for example 5'}`);
    }
  }
  const isVelocity = parseFeature(input.feature!)?.kind === 'velocity';
  if (isVelocity && input.windowSeconds === undefined) throw invalid('windowSeconds', 'Required for a velocity feature, for example 600 for 10 minutes');
  return flatCondition({ feature: input.feature!, windowSeconds: input.windowSeconds ?? 0, operator: input.operator!, threshold: input.threshold! });
}

/** The condition after an edit: a new condition, flat fields changed on a flat rule, or all of them on a rule with a condition. */
export function conditionForUpdate(before: Pick<TRuleSpec, 'feature' | 'windowSeconds' | 'operator' | 'threshold' | 'condition'>, input: TConditionInput): TStoredCondition | null {
  const flatSent = FLAT_FIELDS.filter((f) => input[f] !== undefined);
  if (input.condition) {
    if (flatSent.length > 0) throw invalid(flatSent[0], 'Send either a condition or the flat fields (feature, windowSeconds, operator, threshold), not both');
    return sentCondition(input.condition);
  }
  if (flatSent.length === 0) return null;
  if (before.condition || before.feature === null) {
    const missing = (['feature', 'operator', 'threshold'] as const).find((f) => input[f] === undefined);
    if (missing) throw invalid(missing, 'This rule has a condition: send a new "condition", or all of feature, operator and threshold to make it one comparison');
  }
  const feature = input.feature ?? before.feature!;
  // A new feature without a new window: keep the window only when it still fits (amount has none).
  const isVelocity = parseFeature(feature)?.kind === 'velocity';
  const windowSeconds = input.windowSeconds ?? (isVelocity ? (before.windowSeconds || -1) : input.feature ? 0 : (before.windowSeconds ?? 0));
  if (windowSeconds === -1) throw invalid('windowSeconds', 'Required for a velocity feature, for example 600 for 10 minutes');
  return flatCondition({ feature, windowSeconds, operator: input.operator ?? before.operator!, threshold: input.threshold ?? before.threshold! });
}

/** What only makes sense with the rest of the rule: points for a SCORE action. */
export function throwIfInvalidAction(rule: Pick<TRuleSpec, 'action' | 'scoreDelta'>): void {
  if (rule.action === 'SCORE' && rule.scoreDelta === 0) {
    throw invalid('scoreDelta', 'A SCORE rule needs points to add: a whole number from -100 to 100 other than 0');
  }
}
