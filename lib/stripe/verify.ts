import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { openSecret } from '@/lib/crypto/secret-box';
import { appDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Logger } from '@/lib/logger';
import { ZStripeEventSchema, type TStripeEvent } from './event';
import { stripeSecretPurpose } from './settings';

// SECURITY: the webhook route has no session and no API key: the signature,
// made with the org's signing secret, is its only credential. Stripe's own
// verification decides (stripe.webhooks.constructEvent, default tolerance
// of 5 minutes), against the raw bytes as received.

/** An org id as Better Auth makes them; anything else names no organization. */
const ORG_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * One answer for an unknown or malformed org, an org without a secret, a
 * wrong secret and a signature that does not match: whoever does not hold
 * the secret learns nothing, not even whether the organization exists.
 */
export const SIGNATURE_REFUSED =
  'Stripe signature verification failed: the Stripe-Signature header does not match this endpoint. Check that the URL is the one shown under Settings → Stripe in Orylo and that the signing secret saved there is this endpoint’s.';

/** The org's sealed secret, through the SECURITY DEFINER lookup: RLS hides the row until the org is trusted. */
async function findSealedSecret(orgId: string): Promise<string | null> {
  if (!ORG_ID.test(orgId)) return null;
  const rows = (await appDb().db.execute(sql`select orylo_stripe_webhook_secret(${orgId}) as sealed`)) as unknown as { sealed: string | null }[];
  return rows[0]?.sealed ?? null;
}

/**
 * The verified Stripe event, or a 400 that says why without telling a
 * prober anything about the org. Nothing is written either way: the caller
 * sets the org for its transaction only after this returns.
 */
export async function verifyStripeEventOrThrow(options: { orgId: string; payload: Uint8Array; signature: string | null; log: Logger }): Promise<TStripeEvent> {
  const { orgId, payload, signature, log } = options;
  // Decided before any lookup, so this answer says nothing about the org.
  if (!signature) throw new AppError('bad_request', 'Missing the Stripe-Signature header: only Stripe’s signed webhook deliveries are accepted here.');

  const sealed = await findSealedSecret(orgId);
  let secret: string | null = null;
  if (sealed) {
    try {
      secret = openSecret(sealed, stripeSecretPurpose(orgId));
    } catch {
      // BETTER_AUTH_SECRET changed since the secret was saved: it must be saved again.
      log.warn({ orgId }, 'stripe webhook secret cannot be opened: save it again under Settings → Stripe');
    }
  }

  let raw: unknown;
  try {
    // Without a secret, a throwaway one: the same work and the same answer as a wrong signature.
    raw = Stripe.webhooks.constructEvent(Buffer.from(payload), signature, secret ?? `whsec_${randomBytes(24).toString('hex')}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    log.info({ orgId, secretSet: secret !== null, reason }, 'stripe webhook refused');
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError) && secret) {
      // The signature matched (only the secret's holder gets here): the body is not JSON.
      throw new AppError('bad_request', 'The body is signed but is not a JSON Stripe event.');
    }
    if (secret && /tolerance/i.test(reason)) {
      throw new AppError('bad_request', 'The Stripe-Signature timestamp is more than 5 minutes old: the delivery was replayed or the sending clock is wrong. Stripe’s own retries are signed afresh.');
    }
    throw new AppError('bad_request', SIGNATURE_REFUSED);
  }
  if (!secret) {
    // Unreachable (a random secret never verifies), kept so that a mistake here fails closed.
    throw new AppError('bad_request', SIGNATURE_REFUSED);
  }
  const parsed = ZStripeEventSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('bad_request', `The body is signed but is not a Stripe event: ${parsed.error.issues[0].path.join('.') || 'body'}: ${parsed.error.issues[0].message}.`);
  return parsed.data;
}
