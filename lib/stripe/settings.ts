import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { stripeConnections, type TStripeConnectionRow } from '@/db/schema';
import { recordAudit } from '@/lib/audit/record';
import { sealSecret } from '@/lib/crypto/secret-box';
import { appOrigins } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { STRIPE_EVENT_TYPES, STRIPE_OUTCOME_TYPES, type TStripeSecretInput, type TStripeStatus } from './schema';

// The organization's Stripe connection: its webhook signing secret (sealed,
// never returned), who saved it and when. Audited without the secret.

type TChange = { db: Executor; orgId: string; user: { id: string; email: string }; ip: string | null };

/** Binds a sealed secret to its org: a value copied onto another org's row does not open there. */
export const stripeSecretPurpose = (orgId: string) => `stripe-webhook-secret:${orgId}`;

/** Where Stripe must post: <BETTER_AUTH_URL>/api/v1/integrations/stripe/webhook/<orgId>. */
export const stripeEndpointUrl = (orgId: string) => `${appOrigins()[0]}/api/v1/integrations/stripe/webhook/${encodeURIComponent(orgId)}`;

function toStatus(orgId: string, row: TStripeConnectionRow | undefined): TStripeStatus {
  return {
    connected: Boolean(row),
    connectedAt: row ? row.setAt.toISOString() : null,
    connectedBy: row ? { id: row.setById, email: row.setByEmail } : null,
    endpointUrl: stripeEndpointUrl(orgId),
    events: STRIPE_EVENT_TYPES.map((type) => ({ type, outcome: STRIPE_OUTCOME_TYPES[type] })),
    recentEvents: row?.recentEvents ?? [],
  };
}

const findRow = async (db: Executor, orgId: string) =>
  (await db.select().from(stripeConnections).where(eq(stripeConnections.organizationId, orgId)).limit(1))[0];

export async function getStripeStatus(options: { db: Executor; orgId: string }): Promise<TStripeStatus> {
  return toStatus(options.orgId, await findRow(options.db, options.orgId));
}

/** Saves (or replaces) the signing secret, sealed. A replacement starts a fresh list of recent events. */
export async function setStripeSecret(options: TChange & { input: TStripeSecretInput }): Promise<TStripeStatus> {
  const { db, orgId, user, ip, input } = options;
  const before = await findRow(db, orgId);
  const values = {
    webhookSecretSealed: sealSecret(input.webhookSecret, stripeSecretPurpose(orgId)),
    setAt: new Date(),
    setById: user.id,
    setByEmail: user.email,
    recentEvents: [],
  };
  const [row] = await db
    .insert(stripeConnections)
    .values({ organizationId: orgId, ...values })
    .onConflictDoUpdate({ target: stripeConnections.organizationId, set: values })
    .returning();
  // SECURITY: the audit trail says that the secret changed, never what it is.
  await recordAudit({
    db,
    orgId,
    actor: user,
    ip,
    action: before ? 'stripe.secret.replace' : 'stripe.secret.set',
    target: { type: 'stripe_connection', id: orgId },
    before: before ? { connected: true, connectedAt: before.setAt.toISOString() } : { connected: false },
    after: { connected: true, connectedAt: row.setAt.toISOString() },
  });
  return toStatus(orgId, row);
}

/** Removes the secret: Stripe's deliveries are refused (400) from then on. */
export async function removeStripeSecret(options: TChange): Promise<TStripeStatus> {
  const { db, orgId, user, ip } = options;
  const [removed] = await db.delete(stripeConnections).where(eq(stripeConnections.organizationId, orgId)).returning();
  if (!removed) throw new AppError('not_found', 'Stripe is not connected: there is no signing secret to remove.');
  await recordAudit({
    db,
    orgId,
    actor: user,
    ip,
    action: 'stripe.secret.remove',
    target: { type: 'stripe_connection', id: orgId },
    before: { connected: true, connectedAt: removed.setAt.toISOString() },
    after: { connected: false },
  });
  return toStatus(orgId, undefined);
}
