import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TDetectionRow } from '@/db/schema';
import { getDetectionRowOrThrow } from './get';

// GET /api/v1/detections/:id/related: what else each key of a detection (card, IP, email, device,
// customer, BIN) did over 24 h, 7 d and 30 d, and what the customer usually pays.
//
// The windows END AT THE DETECTION, not now: an analyst opening yesterday's payment sees the history
// that payment had (what the rules saw, plus the payment itself), and a shared link shows the same
// figures tomorrow. Each window is [to − length, to) with `to` one millisecond after the detection,
// so the detection itself is counted. Each key is one index range scan on its
// (organization_id, <key>, created_at) index, newest first and capped at RELATED_ROW_CAP rows, all
// keys in one set-based query: a popular BIN on a big merchant costs a bounded read, and a window
// that reaches past the rows read is reported as a lower bound (`exact: false`), never guessed.

export const RELATED_KEYS = ['card_fingerprint', 'ip', 'email', 'device_id', 'customer_id', 'card_bin'] as const;
export type TRelatedKey = (typeof RELATED_KEYS)[number];

export const RELATED_WINDOWS = { '24h': 24 * 3600_000, '7d': 7 * 24 * 3600_000, '30d': 30 * 24 * 3600_000 } as const;
export type TRelatedWindow = keyof typeof RELATED_WINDOWS;
const WINDOW_NAMES = Object.keys(RELATED_WINDOWS) as TRelatedWindow[];

/** Rows read per key at most (newest first); past it, longer windows are lower bounds. */
export const RELATED_ROW_CAP = 5_000;
/** The customer's recent payments the usual amount is the median of, at most. */
export const USUAL_AMOUNT_CAP = 1_000;

// Whitelisted column per key: the only text interpolated into the SQL.
const COLUMN: Record<TRelatedKey, string> = {
  card_fingerprint: 'card_fingerprint',
  ip: 'ip',
  email: 'email',
  device_id: 'device_id',
  customer_id: 'customer_id',
  card_bin: 'card_bin',
};

export type TWindowCounts = { attempts: number; ALLOW: number; REVIEW: number; BLOCK: number; exact: boolean };
export type TRelatedKeyCounts = { key: TRelatedKey; value: string; windows: Record<TRelatedWindow, TWindowCounts> };
export type TUsualAmount = {
  /** Which key names the customer: their customer id, or their email when the payment has none. */
  key: 'customer_id' | 'email';
  value: string;
  currency: string;
  /** Median of their other allowed, not declined payments in this currency over the 30 days before; null without any. */
  median: number | null;
  count: number;
  /** This payment's amount ÷ the median (null without a median). */
  ratio: number | null;
};
export type TRelated = {
  detectionId: string;
  windows: Record<TRelatedWindow, { from: string; to: string }>;
  keys: TRelatedKeyCounts[];
  usualAmount: TUsualAmount | null;
};

function keyValues(row: TDetectionRow): { key: TRelatedKey; value: string }[] {
  const values: Record<TRelatedKey, string | null> = {
    card_fingerprint: row.cardFingerprint,
    ip: row.ip,
    email: row.email,
    device_id: row.deviceId,
    customer_id: row.customerId,
    card_bin: row.cardBin,
  };
  return RELATED_KEYS.flatMap((key) => (values[key] ? [{ key, value: values[key] }] : []));
}

/** The window bounds of a detection made at `createdAt`: each ends 1 ms after it (its microseconds included). */
export function relatedWindows(createdAt: Date): Record<TRelatedWindow, { from: Date; to: Date }> {
  const to = new Date(createdAt.getTime() + 1);
  return Object.fromEntries(WINDOW_NAMES.map((w) => [w, { from: new Date(to.getTime() - RELATED_WINDOWS[w]), to }])) as Record<
    TRelatedWindow,
    { from: Date; to: Date }
  >;
}

type TCountRow = { key: TRelatedKey; n: number; oldest: number | null } & Record<string, number | string | null>;

function keyQuery(orgId: string, key: TRelatedKey, value: string, from: string, to: string, bounds: Record<TRelatedWindow, string>): SQL {
  const counts = WINDOW_NAMES.flatMap((w) =>
    (['ALLOW', 'REVIEW', 'BLOCK'] as const).map(
      (d) => sql`count(*) filter (where decision = ${d} and created_at >= ${bounds[w]}::timestamptz)::int as ${sql.identifier(`${w}_${d}`)}`,
    ),
  );
  return sql`(select ${key}::text as key, count(*)::int as n, (extract(epoch from min(created_at)) * 1000)::float8 as oldest, ${sql.join(counts, sql`, `)}
    from (select decision, created_at from detections
          where organization_id = ${orgId} and ${sql.identifier(COLUMN[key])} = ${value}
            and created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz
          order by created_at desc limit ${RELATED_ROW_CAP}) r)`;
}

async function countKeys(db: Executor, orgId: string, keys: { key: TRelatedKey; value: string }[], windows: Record<TRelatedWindow, { from: Date; to: Date }>) {
  if (keys.length === 0) return [];
  const bounds = Object.fromEntries(WINDOW_NAMES.map((w) => [w, windows[w].from.toISOString()])) as Record<TRelatedWindow, string>;
  const to = windows['30d'].to.toISOString();
  const parts = keys.map(({ key, value }) => keyQuery(orgId, key, value, bounds['30d'], to, bounds));
  const rows = (await db.execute(sql.join(parts, sql` union all `))) as unknown as TCountRow[];
  return keys.map(({ key, value }): TRelatedKeyCounts => {
    const row = rows.find((r) => r.key === key)!;
    // Capped: the rows read start at `oldest`; a window starting before it may hold more.
    const capped = row.n >= RELATED_ROW_CAP;
    const oldest = row.oldest ?? Infinity;
    const windowsOut = Object.fromEntries(
      WINDOW_NAMES.map((w) => {
        const [allow, review, block] = (['ALLOW', 'REVIEW', 'BLOCK'] as const).map((d) => Number(row[`${w}_${d}`]));
        // Strict: unread rows sit at or before `oldest`.
        const exact = !capped || windows[w].from.getTime() > oldest;
        return [w, { attempts: allow + review + block, ALLOW: allow, REVIEW: review, BLOCK: block, exact }];
      }),
    ) as Record<TRelatedWindow, TWindowCounts>;
    return { key, value, windows: windowsOut };
  });
}

async function findUsualAmount(db: Executor, orgId: string, row: TDetectionRow, window: { from: Date; to: Date }): Promise<TUsualAmount | null> {
  const who = row.customerId ? { key: 'customer_id' as const, value: row.customerId } : row.email ? { key: 'email' as const, value: row.email } : null;
  if (!who) return null;
  // Payments that went through: allowed (an approved review is ALLOW too) and not declined by the bank.
  const [stats] = (await db.execute(sql`
    select percentile_cont(0.5) within group (order by amount)::float8 as median, count(*)::int as count
    from (select amount from detections
          where organization_id = ${orgId} and ${sql.identifier(COLUMN[who.key])} = ${who.value}
            and created_at >= ${window.from.toISOString()}::timestamptz and created_at < ${window.to.toISOString()}::timestamptz
            and id <> ${row.id} and currency = ${row.currency} and decision = 'ALLOW' and auth_status is distinct from 'declined'
          order by created_at desc limit ${USUAL_AMOUNT_CAP}) p`)) as unknown as { median: number | null; count: number }[];
  const median = stats.median === null ? null : Math.round(stats.median);
  return { ...who, currency: row.currency, median, count: stats.count, ratio: median ? Math.round((row.amount / median) * 100) / 100 : null };
}

/** Related activity of one detection of the organization (404 for another org's id, 400 for a malformed one). */
export async function findRelated(options: { db: Executor; orgId: string; id: string }): Promise<TRelated> {
  const row = await getDetectionRowOrThrow(options);
  const windows = relatedWindows(new Date(row.createdAt));
  const keys = await countKeys(options.db, options.orgId, keyValues(row), windows);
  const usualAmount = await findUsualAmount(options.db, options.orgId, row, windows['30d']);
  return {
    detectionId: row.id,
    windows: Object.fromEntries(WINDOW_NAMES.map((w) => [w, { from: windows[w].from.toISOString(), to: windows[w].to.toISOString() }])) as TRelated['windows'],
    keys,
    usualAmount,
  };
}
