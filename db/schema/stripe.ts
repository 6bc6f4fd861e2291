import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { orgIsolation } from './shared';

/** One entry of a connection's recent events (newest first, bounded). */
export type TStripeRecentEvent = {
  /** Stripe's event id (evt_…). */
  id: string;
  type: string;
  /** recorded: an outcome was written; duplicate: already recorded; unknown_payment: no detection has that PaymentIntent; ignored: a type Orylo does not use. */
  result: 'recorded' | 'duplicate' | 'unknown_payment' | 'ignored';
  receivedAt: string;
};

/**
 * The organization's Stripe webhook endpoint (lib/stripe), migration 0014:
 * the signing secret sealed with lib/crypto/secret-box, who set it, and the
 * last events received. No row: not connected.
 */
export const stripeConnections = pgTable(
  'stripe_connections',
  {
    organizationId: text('organization_id').primaryKey(),
    /** sealSecret(whsec_…, purpose bound to the org): never returned by the API. */
    webhookSecretSealed: text('webhook_secret_sealed').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    setById: text('set_by_id'),
    setByEmail: text('set_by_email'),
    recentEvents: jsonb('recent_events').$type<TStripeRecentEvent[]>().notNull().default(sql`'[]'::jsonb`),
  },
  () => [orgIsolation('stripe_connections')],
);

export type TStripeConnectionRow = typeof stripeConnections.$inferSelect;
