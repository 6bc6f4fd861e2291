import { z } from 'zod';
import type { TDetectionOutcome } from '@/lib/detections/schema';

// The outcome events of a payment (README, "Outcomes and labels"): the body of
// POST /api/v1/transactions/:externalId/events and /api/v1/detections/:id/events,
// and the shape each event takes on a detection.

export const OUTCOME_TYPES = ['authorized', 'declined', 'refunded', 'chargeback', 'early_fraud_warning', 'fraud_confirmed', 'legit_confirmed'] as const;
export type TOutcomeType = (typeof OUTCOME_TYPES)[number];

/** How far ahead of the server's clock an occurredAt may be (clock skew between the merchant and us). */
export const MAX_FUTURE_MS = 5 * 60_000;

export const ZOutcomeInputSchema = z.strictObject({
  type: z.enum(OUTCOME_TYPES, { error: `Required: one of ${OUTCOME_TYPES.map((t) => `"${t}"`).join(', ')}` }),
  id: z
    .string({ error: 'Must be a string: your own id for this event, for example "evt_123"' })
    .trim()
    .min(1, 'Must not be empty')
    .max(128, 'At most 128 characters')
    .optional(),
  reason: z.string({ error: 'Must be a string' }).trim().min(1, 'Must not be empty; leave it out instead').max(500, 'At most 500 characters').optional(),
  declineCode: z.string({ error: 'Must be a string' }).trim().min(1, 'Must not be empty (for example "insufficient_funds")').max(64, 'At most 64 characters').optional(),
  amount: z
    .number({ error: 'Must be an integer amount in minor units, for example 1999 for 19.99' })
    .int('Must be an integer in minor units (cents), for example 1999 for 19.99')
    .nonnegative('Must not be negative')
    .max(1_000_000_000_000, 'Too large')
    .optional(),
  occurredAt: z
    .iso.datetime({ offset: true, error: 'Must be an ISO 8601 date and time with a zone, for example "2026-05-01T12:00:00Z"' })
    .refine((s) => Date.parse(s) <= Date.now() + MAX_FUTURE_MS, 'Must not be more than 5 minutes in the future: check the sending clock')
    .optional(),
});

export type TOutcomeInput = z.infer<typeof ZOutcomeInputSchema>;

/** One outcome on a detection (`detection.outcomes`): absent fields are left out. */
export type TOutcome = TDetectionOutcome;

/** What the events endpoints answer: the outcome, and which detection it belongs to. */
export type TOutcomeEvent = TOutcome & { detectionId: string; externalId: string; createdAt: string };
