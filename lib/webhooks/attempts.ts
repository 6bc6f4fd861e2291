import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { webhookAttempts, type TWebhookAttemptRow } from '@/db/schema';
import type { TWebhookEventType } from './catalog';
import { getWebhookEndpointRowOrThrow } from './endpoints';
import type { TDeliveriesQuery } from './schema';

/** One attempt of one delivery, as GET /api/v1/webhooks/:id/deliveries lists it. */
export type TWebhookAttempt = {
  id: string;
  deliveryId: string;
  eventId: string;
  type: TWebhookEventType;
  attempt: number;
  attemptedAt: string;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  ok: boolean;
  durationMs: number;
  error: string | null;
  /** The first bytes of the answer. */
  response: string | null;
  /** When the next attempt is due; null after a success or the last attempt. */
  nextAttemptAt: string | null;
};

function toAttempt(row: TWebhookAttemptRow & { attemptedAtText: string }): TWebhookAttempt {
  return {
    id: row.id,
    deliveryId: row.deliveryId,
    eventId: row.eventId,
    type: row.eventType as TWebhookEventType,
    attempt: row.attempt,
    attemptedAt: row.attemptedAt.toISOString(),
    status: row.status,
    ok: row.ok,
    durationMs: row.durationMs,
    error: row.error,
    response: row.responseSnippet,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  };
}

/**
 * The endpoint's attempts, newest first, keyset-paginated on (attempted_at, id);
 * the cursor keeps the microseconds a Date would drop.
 */
export async function findWebhookAttempts(options: { db: Executor; orgId: string; endpointId: string; query: TDeliveriesQuery }): Promise<{ deliveries: TWebhookAttempt[]; nextCursor: string | null }> {
  const { db, orgId, endpointId, query } = options;
  await getWebhookEndpointRowOrThrow({ db, orgId, id: endpointId });
  const [at, id] = query.cursor ? [query.cursor.slice(0, query.cursor.lastIndexOf('_')), query.cursor.slice(query.cursor.lastIndexOf('_') + 1)] : [];
  const rows = await db
    .select({ row: webhookAttempts, attemptedAtText: sql<string>`to_char(${webhookAttempts.attemptedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(webhookAttempts)
    .where(
      and(
        eq(webhookAttempts.organizationId, orgId),
        eq(webhookAttempts.endpointId, endpointId),
        at ? sql`(${webhookAttempts.attemptedAt}, ${webhookAttempts.id}) < (${at}::timestamptz, ${id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    deliveries: page.map((r) => toAttempt({ ...r.row, attemptedAtText: r.attemptedAtText })),
    nextCursor: rows.length > query.limit && last ? `${last.attemptedAtText}_${last.row.id}` : null,
  };
}
