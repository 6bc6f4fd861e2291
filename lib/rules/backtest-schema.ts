import { z } from 'zod';
import type { TDecision } from '@/lib/detections/schema';
import { ZCreateRuleSchema } from './schema';

// POST /api/v1/rules/backtest (DESIGN.md, "Rules that learn"). No database
// imports: the rule editor uses the types.

/** The longest window one backtest reads; past the time budget the answer is a 422 anyway. */
export const BACKTEST_MAX_DAYS = 90;
export const BACKTEST_EXAMPLES = 20;

const instant = (what: string) =>
  z.iso.datetime({ offset: true, error: `Must be an ISO 8601 date-time such as "2026-11-01T00:00:00Z" (${what})` }).transform((s) => new Date(s));

export const ZBacktestSchema = z.strictObject({
  // The rule as for POST /api/v1/rules; key and name may be left out, and
  // `id` names an existing rule this version would replace.
  rule: ZCreateRuleSchema.extend({
    id: z.uuid({ error: 'Must be the id of one of your rules' }).optional(),
    key: ZCreateRuleSchema.shape.key.optional(),
    name: ZCreateRuleSchema.shape.name.optional(),
  }),
  from: instant('the start of the window'),
  to: instant('the end of the window').optional(),
});
export type TBacktestInput = z.infer<typeof ZBacktestSchema>;

export type TBacktestExample = {
  id: string;
  externalId: string;
  createdAt: string;
  amount: number;
  currency: string;
  decision: TDecision;
  wouldBe: TDecision;
  /** The rule's value for a one-comparison rule, else one value per comparison (null: not evaluated). */
  observed: number | string | boolean | null | (number | string | boolean | null)[];
};

export type TBacktestResult = {
  from: string;
  to: string;
  evaluated: number;
  matched: number;
  /** "ALLOW->BLOCK": how many detections would have moved so (only pairs that changed). */
  decisionChanges: Record<string, number>;
  labels: { fraud: { matched: number; total: number }; legit: { matched: number; total: number } };
  precision: number | null;
  recall: number | null;
  examples: TBacktestExample[];
  /** What the figures take as they are now rather than as they were. */
  assumptions: { lists: 'now'; thresholds: { review: number; block: number }; otherRules: 'as they fired, with their settings now'; ruleMode: 'active' };
  durationMs: number;
};
