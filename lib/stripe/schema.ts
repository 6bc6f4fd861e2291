import { z } from 'zod';
import { validationError } from '@/lib/errors';
import type { TStripeRecentEvent } from '@/db/schema';
import type { TOutcomeType } from '@/lib/outcomes/schema';

// The Stripe adapter's wire shapes (README, "Stripe"): the settings body and
// answer, and the Stripe event types Orylo turns into outcomes.

/** The Stripe events Orylo records, and the outcome each becomes. Every other type is acknowledged and ignored. */
export const STRIPE_OUTCOME_TYPES = {
  'charge.dispute.created': 'chargeback',
  'radar.early_fraud_warning.created': 'early_fraud_warning',
  'charge.refunded': 'refunded',
  'payment_intent.payment_failed': 'declined',
} as const satisfies Record<string, TOutcomeType>;

export type TStripeEventType = keyof typeof STRIPE_OUTCOME_TYPES;
export const STRIPE_EVENT_TYPES = Object.keys(STRIPE_OUTCOME_TYPES) as TStripeEventType[];

/** Stripe's raw webhook body is a few KB; this leaves room and refuses anything else before it is read whole. */
export const STRIPE_MAX_BODY_BYTES = 256 * 1024;

/** Recent events kept per organization (the settings page's "last events received"). */
export const MAX_RECENT_STRIPE_EVENTS = 20;

const SIGNING_SECRET = /^whsec_[A-Za-z0-9_-]{16,200}$/;

const secretMessage = (value: unknown): string => {
  const v = typeof value === 'string' ? value.trim() : '';
  if (/^(sk|rk|pk)_/.test(v)) {
    return 'This is a Stripe API key, not a webhook signing secret: Orylo never needs your API keys. Paste the endpoint’s signing secret, which starts with "whsec_".';
  }
  return 'Must be the endpoint’s signing secret from Stripe, which starts with "whsec_" (Stripe Dashboard → Developers → Webhooks → your endpoint → Signing secret → Reveal).';
};

export const ZStripeSecretInputSchema = z.strictObject({
  webhookSecret: z
    .string({ error: (issue) => secretMessage(issue.input) })
    .trim()
    .superRefine((value, ctx) => {
      if (!SIGNING_SECRET.test(value)) ctx.addIssue({ code: 'custom', message: secretMessage(value) });
    }),
});

export type TStripeSecretInput = z.infer<typeof ZStripeSecretInputSchema>;

/** GET /api/v1/settings/stripe: the connection's state, never its secret. */
export type TStripeStatus = {
  connected: boolean;
  /** When the current secret was saved. */
  connectedAt: string | null;
  connectedBy: { id: string | null; email: string | null } | null;
  /** The URL to give Stripe: <BETTER_AUTH_URL>/api/v1/integrations/stripe/webhook/<orgId>. */
  endpointUrl: string;
  /** The event types to select in Stripe, with the outcome each becomes. */
  events: { type: TStripeEventType; outcome: TOutcomeType }[];
  recentEvents: TStripeRecentEvent[];
};

/**
 * The PUT body. Not run through the card-number detector like free text: a
 * signing secret is random characters Stripe made, not text a person typed,
 * and a secret refused for a chance run of digits could not be saved at all;
 * it is stored only sealed, and never logged or echoed.
 */
export function parseStripeSecretInput(body: unknown): TStripeSecretInput {
  const parsed = ZStripeSecretInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
