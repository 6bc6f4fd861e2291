import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { alerts } from '@/db/schema';
import type { TLocale } from '@/lib/format';
import { claimAlerts, getAlertChannelOrThrow, toAlertRecord } from './channels';
import { appLink, orgName } from './context';
import { attemptDelivery } from './deliver';
import { testMessage } from './messages';
import type { TAlertRecord } from './schema';

/**
 * The test button: sends a "test" message to the channel now, once (no
 * retry: the person clicking waits for the answer), records it like any
 * alert and returns what the target answered. It runs in the request's
 * transaction, which therefore stays open for the send (at most
 * ALERT_TIMEOUT_MS): an admin's click, not a hot path.
 */
export async function sendTestAlert(options: { db: Executor; orgId: string; id: string }): Promise<TAlertRecord> {
  const { db, orgId, id } = options;
  const channel = await getAlertChannelOrThrow({ db, orgId, id });
  const [row] = await claimAlerts({ db, orgId, event: 'test', subject: randomUUID(), channels: [channel] });
  const message = testMessage({ orgName: await orgName(db, orgId), link: appLink('/settings/alerts'), at: new Date().toISOString(), locale: channel.locale as TLocale });
  const result = await attemptDelivery(channel, message);
  const [done] = await db
    .update(alerts)
    .set({
      status: result.ok ? 'sent' : 'failed',
      attempts: 1,
      httpStatus: result.httpStatus,
      error: result.error,
      response: result.response,
      durationMs: result.durationMs,
      finishedAt: sql`now()`,
    })
    .where(and(eq(alerts.organizationId, orgId), eq(alerts.id, row.id)))
    .returning();
  return toAlertRecord(done);
}
