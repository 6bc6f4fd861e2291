import { z } from 'zod';
import type { TDetectionRow, TReasonComparison, TStoredReason } from '@/db/schema';

export type { TReasonComparison };

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const optionalText = (max: number, example: string) =>
  z.string().trim().min(1, `Must not be empty (for example "${example}")`).max(max, `At most ${max} characters`).optional();

// The ingest body (README, "Sending transactions"). Strict: an unknown field is a 400 naming it, so
// a typo like "custmerId" is caught at integration time instead of ignored.
export const ZTransactionInputSchema = z.strictObject({
  externalId: z
    .string({ error: 'Required: your own id for this payment attempt, for example "pi_123"' })
    .trim()
    .min(1, 'Must not be empty')
    .max(128, 'At most 128 characters'),
  amount: z
    .number({ error: 'Required: an integer amount in minor units, for example 1999 for 19.99' })
    .int('Must be an integer in minor units (cents), for example 1999 for 19.99')
    .nonnegative('Must not be negative')
    .max(1_000_000_000_000, 'Too large'),
  currency: z
    .string({ error: 'Required: an ISO 4217 code such as "EUR"' })
    .transform((c) => c.trim().toUpperCase())
    .refine((c) => CURRENCIES.has(c), 'Must be an ISO 4217 currency code such as "EUR" or "USD"'),
  email: z.email('Must be an email address').max(254).transform((e) => e.toLowerCase()).optional(),
  ip: z.union([z.ipv4(), z.ipv6()], { error: 'Must be an IPv4 or IPv6 address' }).optional(),
  // The IP's country as the merchant's own geolocation (or its CDN's header) sees it: Orylo ships no IP database.
  ipCountry: z.string().regex(/^[A-Za-z]{2}$/, 'Must be an ISO 3166 alpha-2 country code such as "FR"').transform((c) => c.toUpperCase()).optional(),
  customerId: optionalText(128, 'cus_123'),
  deviceId: optionalText(128, 'dev_abc'),
  card: z
    .strictObject({
      fingerprint: z.string({ error: 'Required: a stable hash of the card from your payment provider' }).trim().min(1).max(128),
      bin: z.string({ error: 'Required: the first 6 to 8 digits' }).regex(/^\d{6,8}$/, 'Must be the first 6 to 8 digits of the card'),
      last4: z.string({ error: 'Required: the last 4 digits' }).regex(/^\d{4}$/, 'Must be exactly the last 4 digits'),
      country: z.string().regex(/^[A-Za-z]{2}$/, 'Must be an ISO 3166 alpha-2 country code such as "FR"').transform((c) => c.toUpperCase()).optional(),
    })
    .optional(),
  authStatus: z.enum(['authorized', 'declined'], { error: 'Must be "authorized" or "declined"' }).optional(),
  declineCode: optionalText(64, 'insufficient_funds'),
});

export type TTransactionInput = z.infer<typeof ZTransactionInputSchema>;

export const DECISIONS = ['ALLOW', 'REVIEW', 'BLOCK'] as const;
export type TDecision = (typeof DECISIONS)[number];
export type TRiskLevel = 'low' | 'medium' | 'high' | 'critical';

/**
 * Why a detection was scored so, as stored and sent (db/schema): `message` is for
 * people and carries the observed value ("12 distinct cards from 203.0.113.7 in
 * 10 min > 5"); when a stored rule fired, the rule, the observed value(s), the
 * threshold and its action come too; `decisive` marks what made the decision.
 */
export type TReason = TStoredReason;

/** Who holds a pending REVIEW item (POST /api/v1/reviews/next or …/claim) and until when. */
export type TReviewClaim = { userId: string; name: string | null; email: string | null; until: string };

/**
 * An analyst's review of a REVIEW detection, or, while it is still pending
 * (`status: "pending"`), who holds it. Null: pending and nobody holds it.
 * `verdict`: fraud | genuine | unclear, null when the reviewer gave none.
 */
export type TReview = {
  status: 'pending' | 'approved' | 'blocked';
  by: string | null;
  at: string | null;
  note: string | null;
  verdict: 'fraud' | 'genuine' | 'unclear' | null;
  claim: TReviewClaim | null;
};

/** The one JSON shape of a detection: ingest response, lists and stream events. Never a card number. */
export type TDetection = {
  id: string;
  externalId: string;
  amount: number;
  currency: string;
  score: number;
  riskLevel: TRiskLevel;
  decision: TDecision;
  reasons: TReason[];
  /** Shadow rules that fired: what they would have decided, without deciding. */
  shadow: TReason[];
  review: TReview | null;
  email: string | null;
  ip: string | null;
  /** The IP's country as the merchant sent it (ISO 3166 alpha-2), null when not sent. */
  ipCountry: string | null;
  customerId: string | null;
  deviceId: string | null;
  card: { bin: string | null; last4: string | null; fingerprint: string | null; country: string | null } | null;
  authStatus: 'authorized' | 'declined' | null;
  declineCode: string | null;
  /** What happened to the payment afterwards (lib/outcomes), oldest first by occurredAt. */
  outcomes: TDetectionOutcome[];
  /** From the latest labelling outcome: a chargeback, an early fraud warning or fraud_confirmed → fraud; legit_confirmed → legit. */
  label: 'fraud' | 'legit' | null;
  createdAt: string;
};

/** One outcome event on a detection (README, "Outcomes and labels"); absent fields are left out. */
export type TDetectionOutcome = {
  id: string;
  type: 'authorized' | 'declined' | 'refunded' | 'chargeback' | 'early_fraud_warning' | 'fraud_confirmed' | 'legit_confirmed';
  reason?: string;
  declineCode?: string;
  amount?: number;
  occurredAt: string;
};

export function toDetection(row: TDetectionRow): TDetection {
  const hasCard = row.cardFingerprint || row.cardBin || row.cardLast4;
  return {
    id: row.id,
    externalId: row.externalId,
    amount: row.amount,
    currency: row.currency,
    score: row.score,
    riskLevel: row.riskLevel as TRiskLevel,
    decision: row.decision as TDecision,
    reasons: row.reasons,
    shadow: row.shadow ?? [],
    review: toReview(row),
    email: row.email,
    ip: row.ip,
    ipCountry: row.ipCountry ?? null,
    customerId: row.customerId,
    deviceId: row.deviceId,
    card: hasCard
      ? { bin: row.cardBin, last4: row.cardLast4, fingerprint: row.cardFingerprint, country: row.cardCountry }
      : null,
    authStatus: row.authStatus as TDetection['authStatus'],
    declineCode: row.declineCode,
    outcomes: (row.outcomes ?? []) as TDetectionOutcome[],
    label: (row.label as TDetection['label']) ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

function toReview(row: TDetectionRow): TReview | null {
  if (row.reviewStatus && row.reviewedAt) {
    const verdict = row.reviewVerdict as TReview['verdict'];
    return { status: row.reviewStatus as TReview['status'], by: row.reviewedBy, at: new Date(row.reviewedAt).toISOString(), note: row.reviewNote, verdict, claim: null };
  }
  // A lapsed claim is no claim: nothing clears it, every reader compares with the clock.
  if (row.decision !== 'REVIEW' || !row.claimedBy || !row.claimedUntil || new Date(row.claimedUntil).getTime() <= Date.now()) return null;
  const claim = { userId: row.claimedBy, name: row.claimedByName, email: row.claimedByEmail, until: new Date(row.claimedUntil).toISOString() };
  return { status: 'pending', by: null, at: null, note: null, verdict: null, claim };
}
