import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { alertChannels, alerts, type TAlertChannelRow, type TAlertRow } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { TLocale } from '@/lib/format';
import { assertPublicTarget, parseTargetUrl } from '@/lib/outbound/url-guard';
import {
  ALERT_EVENTS,
  MAX_ALERT_CHANNELS_PER_ORG,
  RECENT_ALERTS_PER_CHANNEL,
  parseEmailTarget,
  type TAlertChannel,
  type TAlertChannelWithAlerts,
  type TAlertEvent,
  type TAlertRecord,
  type TCreateAlertChannel,
  type TUpdateAlertChannel,
} from './schema';

type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };

/**
 * A Slack URL as lists and the audit trail show it: its token (the last path
 * segment, and any query) masked. SECURITY: whoever holds the whole URL can
 * post into the merchant's Slack; the audit log is readable by every member.
 */
export function maskTarget(type: string, target: string): string {
  if (type !== 'slack') return target;
  try {
    const url = new URL(target);
    const parts = url.pathname.split('/');
    const last = parts.at(-1) ?? '';
    parts[parts.length - 1] = last.length > 4 ? `…${last.slice(-4)}` : '…';
    return `${url.origin}${parts.join('/')}${url.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}

export function toAlertChannel(row: TAlertChannelRow, options: { reveal?: boolean } = {}): TAlertChannel {
  return {
    id: row.id,
    type: row.type as TAlertChannel['type'],
    target: options.reveal ? row.target : maskTarget(row.type, row.target),
    events: row.events as TAlertEvent[],
    locale: row.locale as TLocale,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAlertRecord(row: TAlertRow): TAlertRecord {
  return {
    id: row.id,
    channelId: row.channelId,
    event: row.event as TAlertRecord['event'],
    status: row.status as TAlertRecord['status'],
    attempts: row.attempts,
    httpStatus: row.httpStatus,
    error: row.error,
    response: row.response,
    durationMs: row.durationMs,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

type TRawAlert = {
  id: string;
  channel_id: string;
  event: string;
  status: string;
  attempts: number;
  http_status: number | null;
  error: string | null;
  response: string | null;
  duration_ms: number | null;
  created_at: string | Date;
  finished_at: string | Date | null;
};

const fromRaw = (a: TRawAlert): TAlertRecord => ({
  id: a.id,
  channelId: a.channel_id,
  event: a.event as TAlertRecord['event'],
  status: a.status as TAlertRecord['status'],
  attempts: a.attempts,
  httpStatus: a.http_status,
  error: a.error,
  response: a.response,
  durationMs: a.duration_ms,
  createdAt: new Date(a.created_at).toISOString(),
  finishedAt: a.finished_at ? new Date(a.finished_at).toISOString() : null,
});

/** The org's channels, oldest first, each with its latest alerts (newest first). */
export async function findAlertChannels(options: { db: Executor; orgId: string }): Promise<TAlertChannelWithAlerts[]> {
  const { db, orgId } = options;
  const rows = await db.select().from(alertChannels).where(eq(alertChannels.organizationId, orgId)).orderBy(asc(alertChannels.createdAt));
  if (rows.length === 0) return [];
  // The latest N per channel in one statement: a lateral walk of the (org, channel, created_at) index per channel.
  const recent = (await db.execute(sql`
    select a.id, a.channel_id, a.event, a.status, a.attempts, a.http_status, a.error, a.response, a.duration_ms, a.created_at, a.finished_at
    from ${alertChannels} c
    cross join lateral (
      select * from ${alerts} x
      where x.organization_id = c.organization_id and x.channel_id = c.id
      order by x.created_at desc limit ${RECENT_ALERTS_PER_CHANNEL}
    ) a
    where c.organization_id = ${orgId}
    order by a.created_at desc`)) as unknown as TRawAlert[];
  const byChannel = new Map<string, TAlertRecord[]>();
  for (const a of recent) {
    const list = byChannel.get(a.channel_id) ?? [];
    list.push(fromRaw(a));
    byChannel.set(a.channel_id, list);
  }
  return rows.map((r) => ({ ...toAlertChannel(r), recentAlerts: byChannel.get(r.id) ?? [] }));
}

/** One channel of the org, or a 404; `forUpdate` locks its row until the transaction ends (a change). */
export async function getAlertChannelOrThrow(options: { db: Executor; orgId: string; id: string; forUpdate?: boolean }): Promise<TAlertChannelRow> {
  const { db, orgId, id } = options;
  const query = db.select().from(alertChannels).where(and(eq(alertChannels.organizationId, orgId), eq(alertChannels.id, id))).limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No alert channel with this id in your organization.');
  return row;
}

/** Events in the one order every list shows them, whatever order they were sent in. */
const inListOrder = (events: readonly TAlertEvent[]): TAlertEvent[] => ALERT_EVENTS.filter((e) => events.includes(e));

/** Checks a target for its type; returns it as stored. A Slack URL follows the outbound rule (lib/outbound/url-guard.ts). */
export async function checkAlertTarget(type: TCreateAlertChannel['type'], raw: string): Promise<string> {
  if (type === 'email') return parseEmailTarget(raw);
  const url = parseTargetUrl(raw, 'target');
  await assertPublicTarget(url, 'target');
  return url.href;
}

/**
 * Adds a channel. The target is checked before the transaction's writes (a
 * DNS lookup for Slack); the cap and the duplicate check answer 409.
 */
export async function createAlertChannel(options: TChange & { input: TCreateAlertChannel; target: string; locale: TLocale }): Promise<TAlertChannel> {
  const { db, orgId, actor, ip, input, target, locale } = options;
  // Serialises concurrent creations in one org, so the cap holds.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('orylo.alert-channels'), hashtext(${orgId}))`);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(alertChannels).where(eq(alertChannels.organizationId, orgId));
  if (n >= MAX_ALERT_CHANNELS_PER_ORG) {
    throw new AppError('conflict', `This organization already has ${MAX_ALERT_CHANNELS_PER_ORG} alert channels, the most it may have: delete one first.`);
  }
  const events = inListOrder(input.events);
  const [row] = await db
    .insert(alertChannels)
    .values({ organizationId: orgId, type: input.type, target, events, locale, createdBy: actor.email ?? actor.id })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', `This ${input.type === 'slack' ? 'Slack URL' : 'address'} is already an alert channel of this organization: change its events and language on the channel instead.`, { field: 'target' });
  await recordAudit({ db, orgId, actor, ip, action: 'alert_channel.create', target: { type: 'alert_channel', id: row.id }, after: toAlertChannel(row) });
  return toAlertChannel(row, { reveal: true });
}

/**
 * Changes a channel's events or language, keeping its target and its history.
 * Audited with before and after (the target masked) when something changed.
 */
export async function updateAlertChannel(options: TChange & { id: string; input: TUpdateAlertChannel }): Promise<TAlertChannel> {
  const { db, orgId, actor, ip, id, input } = options;
  const current = await getAlertChannelOrThrow({ db, orgId, id, forUpdate: true });
  const events = input.events ? inListOrder(input.events) : (current.events as TAlertEvent[]);
  const locale = input.locale ?? current.locale;
  if (locale === current.locale && events.join() === current.events.join()) return toAlertChannel(current);
  const [row] = await db
    .update(alertChannels)
    .set({ events, locale })
    .where(and(eq(alertChannels.organizationId, orgId), eq(alertChannels.id, id)))
    .returning();
  await recordAudit({ db, orgId, actor, ip, action: 'alert_channel.update', target: { type: 'alert_channel', id }, before: toAlertChannel(current), after: toAlertChannel(row) });
  return toAlertChannel(row);
}

export async function deleteAlertChannel(options: TChange & { id: string }): Promise<TAlertChannel> {
  const { db, orgId, actor, ip, id } = options;
  const row = await getAlertChannelOrThrow({ db, orgId, id });
  await db.delete(alertChannels).where(and(eq(alertChannels.organizationId, orgId), eq(alertChannels.id, id)));
  const channel = toAlertChannel(row);
  await recordAudit({ db, orgId, actor, ip, action: 'alert_channel.delete', target: { type: 'alert_channel', id }, before: channel });
  return channel;
}

/** The org's channels that want `event`. */
export async function findChannelsFor(options: { db: Executor; orgId: string; event: TAlertEvent }): Promise<TAlertChannelRow[]> {
  const { db, orgId, event } = options;
  return db.select().from(alertChannels).where(and(eq(alertChannels.organizationId, orgId), sql`${event} = any(${alertChannels.events})`));
}

/**
 * The exactly-once claim: one row per (channel, event, subject), inserted
 * before anything is sent. Returns the rows this call inserted; a channel
 * already claimed (by another instance, an earlier run) is left out.
 */
export async function claimAlerts(options: { db: Executor; orgId: string; event: TAlertRow['event']; subject: string; channels: TAlertChannelRow[] }): Promise<TAlertRow[]> {
  const { db, orgId, event, subject, channels } = options;
  if (channels.length === 0) return [];
  return db
    .insert(alerts)
    .values(channels.map((c) => ({ organizationId: orgId, channelId: c.id, event, subject })))
    .onConflictDoNothing({ target: [alerts.channelId, alerts.event, alerts.subject] })
    .returning();
}

/** One channel's alerts, newest first (the latest 100). */
export async function findChannelAlerts(options: { db: Executor; orgId: string; id: string }): Promise<TAlertRecord[]> {
  const { db, orgId, id } = options;
  await getAlertChannelOrThrow({ db, orgId, id });
  const rows = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.organizationId, orgId), eq(alerts.channelId, id)))
    .orderBy(desc(alerts.createdAt))
    .limit(100);
  return rows.map(toAlertRecord);
}
