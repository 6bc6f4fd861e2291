import { and, eq, gt, sql } from 'drizzle-orm';
import { alerts } from '@/db/schema';
import { appDb, withOrgTransaction } from '@/lib/db';
import { env } from '@/lib/env';
import type { TLocale } from '@/lib/format';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';
import { claimAlerts, findChannelsFor } from './channels';
import { appLink, orgName } from './context';
import { deliverClaimedAlerts } from './deliver';
import { reviewBacklogMessage } from './messages';
import { getAlertSettings } from './settings';

// review.backlog: a periodic check, in the background jobs every instance
// runs (ORYLO_BACKGROUND_JOBS), of the organizations that have a backlog
// channel. Once a channel was told, it hears nothing more for an hour.

/** How often each instance looks (ALERTS_CHECK_INTERVAL_MS, default a minute). */
const BACKLOG_QUIET_MS = 60 * 60 * 1000;
/** Counting the pending reviews stops here ("1,000+"). */
const PENDING_COUNT_CAP = 1_000;

type TOldest = { oldest_at: string | Date | null; pending: number };

/**
 * Checks one organization. Under a transaction-scoped advisory lock (so two
 * instances never decide at once), claims a row for each backlog channel
 * that had no backlog alert in the last hour, commits, then sends.
 * Returns how many alerts it claimed.
 */
export async function checkReviewBacklog(options: { orgId: string }): Promise<number> {
  const { orgId } = options;
  const claimed = await withOrgTransaction(orgId, async (db) => {
    const [lock] = (await db.execute(sql`select pg_try_advisory_xact_lock(hashtext('orylo.alerts.backlog'), hashtext(${orgId})) as locked`)) as unknown as { locked: boolean }[];
    if (!lock.locked) return null;
    const { reviewBacklogMinutes } = await getAlertSettings({ db, orgId });
    // The pending-review partial index, oldest first (seq follows insertion).
    const [row] = (await db.execute(sql`
      select (select created_at from detections where organization_id = ${orgId} and decision = 'REVIEW' and review_status is null order by seq asc limit 1) as oldest_at,
             (select count(*)::int from (select 1 from detections where organization_id = ${orgId} and decision = 'REVIEW' and review_status is null limit ${PENDING_COUNT_CAP}) p) as pending`)) as unknown as TOldest[];
    if (!row.oldest_at) return null;
    const oldestAt = new Date(row.oldest_at);
    if (Date.now() - oldestAt.getTime() < reviewBacklogMinutes * 60_000) return null;
    const channels = await findChannelsFor({ db, orgId, event: 'review.backlog' });
    const recent = await db
      .select({ channelId: alerts.channelId })
      .from(alerts)
      .where(and(eq(alerts.organizationId, orgId), eq(alerts.event, 'review.backlog'), gt(alerts.createdAt, sql`now() - make_interval(secs => ${BACKLOG_QUIET_MS / 1000})`)));
    const told = new Set(recent.map((r) => r.channelId));
    const due = channels.filter((c) => !told.has(c.id));
    // The minute decided is the subject: the unique index stops a second claim even without the lock.
    const subject = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const rows = await claimAlerts({ db, orgId, event: 'review.backlog', subject, channels: due });
    if (rows.length === 0) return null;
    const name = await orgName(db, orgId);
    const message = (locale: TLocale) => reviewBacklogMessage({
      locale,
      orgName: name,
      oldestAt: oldestAt.toISOString(),
      pending: row.pending,
      pendingCapped: row.pending >= PENDING_COUNT_CAP,
      settingMinutes: reviewBacklogMinutes,
      link: appLink('/review'),
    });
    return { rows, channels: due, message };
  });
  if (!claimed) return 0;
  await deliverClaimedAlerts({ orgId, ...claimed });
  logger().info({ orgId, channels: claimed.rows.length }, 'review backlog alerts sent');
  return claimed.rows.length;
}

/** One pass over the organizations with a backlog channel (migration 0013's orylo_alert_backlog_orgs: ids only). */
export async function runBacklogChecks(): Promise<number> {
  const orgs = (await appDb().db.execute(sql`select orylo_alert_backlog_orgs() as id`)) as unknown as { id: string }[];
  let sent = 0;
  for (const { id } of orgs) {
    try {
      sent += await checkReviewBacklog({ orgId: id });
    } catch (err) {
      logger().warn({ err, orgId: id }, 'review backlog check failed');
    }
  }
  return sent;
}

type TChecker = { timer?: NodeJS.Timeout };

/** Starts, once per process, the periodic backlog check. ORYLO_BACKGROUND_JOBS=0 leaves it to other instances. */
export function startAlertChecks(): void {
  if (env().ORYLO_BACKGROUND_JOBS === '0') return;
  processState<TChecker>('alerts.backlog-checker', () => {
    const state: TChecker = {};
    const every = env().ALERTS_CHECK_INTERVAL_MS;
    const loop = async () => {
      try {
        await runBacklogChecks();
      } catch (err) {
        logger().warn({ err }, 'review backlog checks failed; next pass as usual');
      }
      state.timer = setTimeout(() => void loop(), every);
      state.timer.unref();
    };
    state.timer = setTimeout(() => void loop(), every);
    state.timer.unref();
    return state;
  });
}
