import { z } from 'zod';
import { ZConditionSchema, type TComparison, type TCondition } from './condition';
import { FEATURES, MAX_WINDOW_SECONDS, MIN_WINDOW_SECONDS, type TFeature } from './features';

// The rule as the API and the settings page see it. No database imports here:
// the browser imports these types and schemas too.

export const RULE_OPERATORS = ['>', '>=', '<', '<='] as const;
export const RULE_ACTIONS = ['ALLOW', 'REVIEW', 'BLOCK', 'SCORE'] as const;
export const RULE_MODES = ['active', 'shadow'] as const;

export type TRuleOperator = (typeof RULE_OPERATORS)[number];
export type TRuleAction = (typeof RULE_ACTIONS)[number];
export type TRuleMode = (typeof RULE_MODES)[number];

/**
 * The part of a rule that evaluation needs. A rule compares one numeric
 * feature (the flat fields, as v1 did), or holds a `condition` (a group, or a
 * comparison the flat fields cannot hold), and then its flat fields are null.
 * `ruleCondition` gives either as one condition.
 */
export type TRuleSpec = {
  id: string;
  key: string;
  name: string;
  feature: TFeature | null;
  /** 0 for `amount`, which has no window. */
  windowSeconds: number | null;
  operator: TRuleOperator | null;
  threshold: number | null;
  condition?: TCondition | null;
  action: TRuleAction;
  scoreDelta: number;
  mode: TRuleMode;
};

export type TRule = TRuleSpec & {
  enabled: boolean;
  version: number;
  updatedBy: string | null;
  createdAt: string;
  updatedAt: string;
};

const threshold = z
  .number({ error: 'Must be a number, for example 5' })
  .finite('Must be a finite number')
  .min(0, 'Must not be negative')
  .max(1_000_000_000_000, 'Too large');
const windowSeconds = z
  .number({ error: `Must be a number of seconds, for example 600 for 10 minutes` })
  .int('Must be a whole number of seconds')
  .min(0, 'Must not be negative')
  .max(MAX_WINDOW_SECONDS, `At most ${MAX_WINDOW_SECONDS} seconds (7 days)`);
const operator = z.enum(RULE_OPERATORS, { error: 'Must be ">", ">=", "<" or "<="' });
const action = z.enum(RULE_ACTIONS, { error: 'Must be ALLOW, REVIEW, BLOCK or SCORE' });
const scoreDelta = z
  .number({ error: 'Must be a whole number of points between -100 and 100' })
  .int('Must be a whole number of points')
  .min(-100, 'At least -100')
  .max(100, 'At most 100');
const mode = z.enum(RULE_MODES, { error: 'Must be "active" or "shadow"' });
const enabled = z.boolean({ error: 'Must be true or false' });

const name = z.string({ error: 'Required: a name people will read' }).trim().min(1, 'Must not be empty').max(120, 'At most 120 characters');

export const ZUpdateRuleSchema = z
  .strictObject({ name, feature: z.enum(FEATURES as [TFeature, ...TFeature[]], { error: `Must be one of ${FEATURES.join(', ')}` }), threshold, windowSeconds, operator, condition: ZConditionSchema.nullable(), action, scoreDelta, mode, enabled })
  .partial()
  .refine(
    (v) => Object.keys(v).length > 0,
    'Send at least one field to change: name, feature, threshold, windowSeconds, operator, condition, action, scoreDelta, mode or enabled',
  );
export type TUpdateRule = z.infer<typeof ZUpdateRuleSchema>;

export const ZCreateRuleSchema = z.strictObject({
  key: z
    .string({ error: 'Required: a stable identifier such as "ip_attempts_5m"' })
    .regex(/^[a-z][a-z0-9_]{1,63}$/, 'Lowercase letters, digits and underscores, 2 to 64 characters, starting with a letter'),
  name,
  // One comparison in the flat fields, or a condition instead of them.
  feature: z.enum(FEATURES as [TFeature, ...TFeature[]], { error: `Must be one of ${FEATURES.join(', ')}` }).optional(),
  windowSeconds: windowSeconds.optional(),
  operator: operator.optional(),
  threshold: threshold.optional(),
  // null: the flat fields hold the comparison (what GET answers for such a rule).
  condition: ZConditionSchema.nullable().optional(),
  action,
  scoreDelta: scoreDelta.optional(),
  mode: mode.optional(),
  enabled: enabled.optional(),
});
export type TCreateRule = z.infer<typeof ZCreateRuleSchema>;

export const RULE_LIMITS = { minWindowSeconds: MIN_WINDOW_SECONDS, maxWindowSeconds: MAX_WINDOW_SECONDS, maxRulesPerOrg: 50 } as const;

/** A rule's condition as one value: its `condition`, or the comparison its flat fields hold. */
export function ruleCondition(rule: Pick<TRuleSpec, 'feature' | 'windowSeconds' | 'operator' | 'threshold' | 'condition'>): TCondition {
  if (rule.condition) return rule.condition;
  const flat: TComparison = { feature: rule.feature!, windowSeconds: rule.windowSeconds ?? 0, operator: rule.operator!, threshold: rule.threshold! };
  return flat;
}
