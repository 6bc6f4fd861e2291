import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from '@/db/schema';
import { containsCardNumber } from '@/lib/card-number';
import { openSecret } from '@/lib/crypto/secret-box';
import { withOrgTransaction } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Logger } from '@/lib/logger';
import { postJson, type TPostResult } from '@/lib/outbound/post';
import { parseTargetUrl } from '@/lib/outbound/url-guard';
import { retryDelayMs, WEBHOOK_ATTEMPT_TIMEOUT_MS, WEBHOOK_MAX_ATTEMPTS } from './catalog';
import { SECRET_PURPOSE } from './endpoints';
import { addDeliverJobSql, type TDeliverJob } from './queue';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';

const ZDeliverJob = z.object({ orgId: z.string().min(1), deliveryId: z.uuid(), attempt: z.number().int().min(1) });

/**
 * One attempt of one delivery (a graphile-worker job): read the event and the
 * endpoint under the org's RLS, sign, POST outside any transaction, then in
 * one transaction log the attempt, move the delivery on and (after a failure
 * short of the last attempt) queue the next one at its time. A job run twice
 * (a worker that died after the POST) finds its attempt recorded and stops:
 * the receiver may get a duplicate (at-least-once), the log never double counts.
 */
export async function runDeliverJob(payload: unknown, log: Logger): Promise<void> {
  const job: TDeliverJob = ZDeliverJob.parse(payload);
  const { orgId, deliveryId, attempt } = job;
  const target = await withOrgTransaction(orgId, async (db) => {
    const [row] = await db
      .select({
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        endpointId: webhookDeliveries.endpointId,
        eventId: webhookEvents.id,
        type: webhookEvents.type,
        body: webhookEvents.body,
        url: webhookEndpoints.url,
        enabled: webhookEndpoints.enabled,
        secretSealed: webhookEndpoints.secretSealed,
        previousSecretSealed: sql<string | null>`case when ${webhookEndpoints.previousSecretExpiresAt} > now() then ${webhookEndpoints.previousSecretSealed} end`,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.organizationId, orgId), eq(webhookDeliveries.id, deliveryId)))
      .limit(1);
    if (row && !row.enabled && row.type !== 'test' && row.status === 'pending') {
      // Disabled since it was queued: not sent, and said so in the delivery's state.
      await db.update(webhookDeliveries).set({ status: 'skipped', nextAttemptAt: null, completedAt: sql`now()` }).where(eq(webhookDeliveries.id, deliveryId));
      return null;
    }
    return row;
  });
  // Deleted with its endpoint, skipped, or this attempt already made.
  if (!target || target.status !== 'pending' || target.attempts >= attempt) return;

  const secrets = [openSecret(target.secretSealed, SECRET_PURPOSE), ...(target.previousSecretSealed ? [openSecret(target.previousSecretSealed, SECRET_PURPOSE)] : [])];
  const headers = {
    [EVENT_ID_HEADER]: target.eventId,
    [SIGNATURE_HEADER]: signatureHeader(secrets, target.body, Math.floor(Date.now() / 1000)),
  };
  let result: TPostResult;
  try {
    // The rule again at send time: WEBHOOK_ALLOW_PRIVATE may have been turned off since the URL was saved.
    result = await postJson(parseTargetUrl(target.url, 'url'), target.body, headers, { timeoutMs: WEBHOOK_ATTEMPT_TIMEOUT_MS });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    result = { status: null, ok: false, durationMs: 0, error: err.message, responseSnippet: '' };
  }

  const last = !result.ok && attempt >= WEBHOOK_MAX_ATTEMPTS;
  const delayMs = retryDelayMs(attempt, env().WEBHOOK_RETRY_BASE_MS);
  const nextAt = result.ok || last ? null : sql`now() + make_interval(secs => ${delayMs / 1000})`;
  await withOrgTransaction(orgId, async (db) => {
    const [moved] = await db
      .update(webhookDeliveries)
      .set({
        attempts: attempt,
        status: result.ok ? 'succeeded' : last ? 'failed' : 'pending',
        nextAttemptAt: nextAt,
        completedAt: result.ok || last ? sql`now()` : null,
      })
      // Only the first run of this attempt records it.
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.attempts, attempt - 1), eq(webhookDeliveries.status, 'pending')))
      .returning({ nextAttemptAt: webhookDeliveries.nextAttemptAt });
    if (!moved) return;
    await db.insert(webhookAttempts).values({
      organizationId: orgId,
      deliveryId,
      endpointId: target.endpointId,
      eventId: target.eventId,
      eventType: target.type,
      attempt,
      status: result.status,
      ok: result.ok,
      durationMs: result.durationMs,
      error: result.error,
      responseSnippet: storableSnippet(result.responseSnippet),
      nextAttemptAt: moved.nextAttemptAt,
    });
    if (moved.nextAttemptAt) {
      await db.execute(
        sql`select (${addDeliverJobSql({ orgId, deliveryId: sql`${deliveryId}::uuid`, endpointId: sql`${target.endpointId}::uuid`, attempt: attempt + 1, runAt: sql`${moved.nextAttemptAt.toISOString()}::timestamptz` })}).id`,
      );
    }
  });
  if (!result.ok) log.info({ orgId, deliveryId, attempt, status: result.status, error: result.error, last }, 'webhook attempt failed');
}

/**
 * SECURITY: the receiver's answer is stored for the log, but never a NUL byte
 * (PostgreSQL text refuses it) nor anything that looks like a card number.
 */
function storableSnippet(snippet: string): string | null {
  if (!snippet) return null;
  const clean = snippet.replace(/\u0000/g, '').replace(/\uFFFD+$/, '');
  return containsCardNumber(clean) ? '[not stored: the answer looked like it held a card number]' : clean;
}
