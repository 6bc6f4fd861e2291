// What a reason says, as data: the stored reason keeps its English `message`
// (the API's and webhooks' text, read by integrators) and, beside it, `text`,
// the values that sentence was made of, so a page can say it again in the
// viewer's language (lib/reasons/render.ts). No server imports: the browser
// renders it.

/** Why a comparison could not be evaluated for an attempt. */
export type TUnknownWhy =
  | { why: 'unknown_feature' }
  | { why: 'no_value'; what: string }
  | { why: 'no_card_country' }
  | { why: 'no_ip_country' }
  | { why: 'too_few_attempts'; min: number }
  | { why: 'not_computed' };

/** One comparison with the values it read. */
export type TComparisonText = {
  feature: string;
  windowSeconds?: number;
  operator: string;
  threshold: number | string[] | boolean;
  held: boolean | null;
  /** Not evaluated, and why. */
  unknown?: TUnknownWhy;
  /** The value read: a count, a ratio, minor units, a code, or whether countries differ. */
  observed?: number | string | boolean;
  /** The key's value as shown: an IP, "•••• 4242" for a card, an e-mail… */
  subject?: string;
  /** A lower bound: more rows than scoring reads. */
  capped?: boolean;
  /** A ratio's counts. */
  attempts?: number;
  declines?: number;
  /** Money comparisons: the attempt's currency. */
  currency?: string;
  /** country_mismatch: both countries. */
  cardCountry?: string;
  ipCountry?: string;
};

export type TConditionText = TComparisonText | { group: 'all' | 'any'; parts: TConditionText[] };

export type TDecisionScore = { decision: string; score: number };

export type TReasonText =
  | {
      kind: 'rule';
      condition: TConditionText;
      action: string;
      points?: number;
      snooze?: { entityType: string; entityValue: string; until: string; reason: string };
    }
  | { kind: 'list'; action: 'block' | 'allow'; type: string; value: string; last4?: string; note?: string }
  | { kind: 'threshold'; score: number; decision: string; review: number; block: number; temporary: boolean }
  | { kind: 'shadow_summary' | 'snooze_summary'; would: TDecisionScore; actual: TDecisionScore };

export const isGroupText = (c: TConditionText): c is { group: 'all' | 'any'; parts: TConditionText[] } => 'group' in c;
