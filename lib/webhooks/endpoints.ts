import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { webhookEndpoints, type TWebhookEndpointRow } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { sealSecret } from '@/lib/crypto/secret-box';
import { AppError } from '@/lib/errors';
import { assertPublicTarget, parseTargetUrl } from '@/lib/outbound/url-guard';
import { MAX_WEBHOOK_ENDPOINTS, type TWebhookDecision, type TWebhookSubscribable } from './catalog';
import { throwIfDecisionsWithoutCreated, type TCreateWebhook, type TRotateSecret, type TUpdateWebhook, type TWebhookEndpoint } from './schema';
import { queueWebhookEvent } from './queue';
import { newWebhookSecret } from './signature';

/** lib/crypto/secret-box.ts purpose: a secret sealed for webhooks opens for nothing else. */
export const SECRET_PURPOSE = 'webhook-signing';

type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };

export function toWebhookEndpoint(row: TWebhookEndpointRow, now = Date.now()): TWebhookEndpoint {
  const overlap = row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now ? row.previousSecretExpiresAt.toISOString() : null;
  return {
    id: row.id,
    url: row.url,
    events: row.events as TWebhookSubscribable[],
    decisions: (row.decisions as TWebhookDecision[] | null) ?? null,
    enabled: row.enabled,
    previousSecretExpiresAt: overlap,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The URL rule (lib/outbound): https and a public host unless WEBHOOK_ALLOW_PRIVATE=1; a 400 naming `url`. */
async function checkedUrl(raw: string): Promise<string> {
  const url = parseTargetUrl(raw, 'url');
  await assertPublicTarget(url, 'url');
  return url.toString();
}

export async function findWebhookEndpoints(options: { db: Executor; orgId: string }): Promise<TWebhookEndpoint[]> {
  const rows = await options.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, options.orgId))
    .orderBy(asc(webhookEndpoints.createdAt));
  const now = Date.now();
  return rows.map((r) => toWebhookEndpoint(r, now));
}

export async function getWebhookEndpointRowOrThrow(options: { db: Executor; orgId: string; id: string; forUpdate?: boolean }): Promise<TWebhookEndpointRow> {
  const query = options.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.organizationId, options.orgId), eq(webhookEndpoints.id, options.id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No webhook endpoint with this id in your organization.');
  return row;
}

/** Registers an endpoint; the answer carries its signing secret, the only time it is shown. */
export async function createWebhookEndpoint(options: TChange & { input: TCreateWebhook }): Promise<TWebhookEndpoint & { secret: string }> {
  const { db, orgId, actor, ip, input } = options;
  throwIfDecisionsWithoutCreated(input.events, input.decisions);
  const url = await checkedUrl(input.url);
  // Serialises creations in one org, so two at once cannot pass the cap together.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('orylo.webhooks'), hashtext(${orgId}))`);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, orgId));
  if (n >= MAX_WEBHOOK_ENDPOINTS) {
    throw new AppError('conflict', `Your organization already has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints, the most it may have: delete one first, or subscribe an existing one to more events.`);
  }
  const secret = newWebhookSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ organizationId: orgId, url, events: input.events, decisions: input.decisions ?? null, secretSealed: sealSecret(secret, SECRET_PURPOSE), createdBy: actor.email ?? actor.id })
    .returning();
  const endpoint = toWebhookEndpoint(row);
  await recordAudit({ db, orgId, actor, ip, action: 'webhook.create', target: { type: 'webhook_endpoint', id: endpoint.id }, after: endpoint });
  return { ...endpoint, secret };
}

export async function updateWebhookEndpoint(options: TChange & { id: string; input: TUpdateWebhook }): Promise<TWebhookEndpoint> {
  const { db, orgId, actor, ip, id, input } = options;
  const row = await getWebhookEndpointRowOrThrow({ db, orgId, id, forUpdate: true });
  const events = input.events ?? (row.events as string[]);
  const decisions = input.decisions === undefined ? row.decisions : input.decisions;
  throwIfDecisionsWithoutCreated(events, decisions);
  const url = input.url === undefined ? row.url : await checkedUrl(input.url);
  const [updated] = await db
    .update(webhookEndpoints)
    .set({ url, events, decisions, enabled: input.enabled ?? row.enabled, updatedAt: sql`now()` })
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, id)))
    .returning();
  const before = toWebhookEndpoint(row);
  const after = toWebhookEndpoint(updated);
  await recordAudit({ db, orgId, actor, ip, action: 'webhook.update', target: { type: 'webhook_endpoint', id }, before, after });
  return after;
}

/** Deletes the endpoint with its deliveries and their log; queued jobs find nothing and end. */
export async function deleteWebhookEndpoint(options: TChange & { id: string }): Promise<TWebhookEndpoint> {
  const { db, orgId, actor, ip, id } = options;
  const row = await getWebhookEndpointRowOrThrow({ db, orgId, id, forUpdate: true });
  await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, id)));
  const endpoint = toWebhookEndpoint(row);
  await recordAudit({ db, orgId, actor, ip, action: 'webhook.delete', target: { type: 'webhook_endpoint', id }, before: endpoint });
  return endpoint;
}

/**
 * A new signing secret, shown once. The previous one keeps signing beside it
 * (a second v1= in Orylo-Signature) for the overlap, so the merchant can
 * deploy the new secret without dropping a delivery; 0 stops it at once (a
 * leaked secret). A rotation during an overlap drops the oldest secret.
 */
export async function rotateWebhookSecret(
  options: TChange & { id: string; input: TRotateSecret },
): Promise<{ endpoint: TWebhookEndpoint; secret: string; previousSecretExpiresAt: string | null; overlapSeconds: number }> {
  const { db, orgId, actor, ip, id, input } = options;
  await getWebhookEndpointRowOrThrow({ db, orgId, id, forUpdate: true });
  const secret = newWebhookSecret();
  const overlap = input.overlapSeconds;
  const [updated] = await db
    .update(webhookEndpoints)
    .set({
      previousSecretSealed: overlap > 0 ? sql`${webhookEndpoints.secretSealed}` : null,
      previousSecretExpiresAt: overlap > 0 ? sql`now() + make_interval(secs => ${overlap})` : null,
      secretSealed: sealSecret(secret, SECRET_PURPOSE),
      updatedAt: sql`now()`,
    })
    .where(and(eq(webhookEndpoints.organizationId, orgId), eq(webhookEndpoints.id, id)))
    .returning();
  const endpoint = toWebhookEndpoint(updated);
  const previousSecretExpiresAt = updated.previousSecretExpiresAt?.toISOString() ?? null;
  await recordAudit({ db, orgId, actor, ip, action: 'webhook.rotate_secret', target: { type: 'webhook_endpoint', id }, after: { previousSecretExpiresAt, overlapSeconds: overlap } });
  return { endpoint, secret, previousSecretExpiresAt, overlapSeconds: overlap };
}

/** Queues a "test" event for this endpoint only (enabled or not), whatever it subscribes to. */
export async function queueTestEvent(options: { db: Executor; orgId: string; id: string; actor: TActor }): Promise<string> {
  const { db, orgId, id } = options;
  const row = await getWebhookEndpointRowOrThrow({ db, orgId, id });
  const eventId = await queueWebhookEvent({
    db,
    orgId,
    type: 'test',
    endpointId: row.id,
    data: { message: 'A test event from Orylo: your endpoint is reachable and can verify the signature.', endpointId: row.id, sentBy: options.actor.email ?? options.actor.id },
  });
  if (!eventId) throw new Error('test event not queued');
  return eventId;
}
