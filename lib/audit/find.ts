import { and, asc, desc, eq, gte, like, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '@/db/client';
import { auditLog, type TAuditRow } from '@/db/schema';

// Keyset on (created_at, id), newest first. The cursor carries created_at at
// full microsecond precision (a JS Date would round it to milliseconds and
// skip or repeat rows): "<ISO 8601 with 6 decimals>Z_<id>".
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The cursor's date exists (a month 13 or a 30 February matches the shape, not the calendar). */
function isRealInstant(cursor: string): boolean {
  const match = cursor.match(CURSOR);
  if (!match) return true; // the regex has already said so
  const at = new Date(match[1]);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 19) === match[1].slice(0, 19);
}

export const ZFindAuditQuerySchema = z.object({
  limit: z.coerce.number({ error: 'Must be a number from 1 to 200' }).int('Must be a whole number').min(1, 'Must be at least 1').max(200, 'At most 200').default(50),
  cursor: z
    .string()
    .regex(CURSOR, 'Must be the nextCursor of a previous page')
    // The shape alone lets "2026-13-45T…" through, which the database refuses.
    .refine(isRealInstant, 'Must be the nextCursor of a previous page')
    .optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/, 'Must be an action such as "detection.review", or a family such as "list"')
    .max(64, 'At most 64 characters')
    .optional(),
});

export type TFindAuditQuery = z.infer<typeof ZFindAuditQuerySchema>;

/** One entry of the audit trail as the API returns it. */
export type TAuditEntryView = {
  id: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  createdAt: string;
};

function toAuditEntryView(row: TAuditRow): TAuditEntryView {
  return {
    id: row.id,
    actorEmail: row.actorEmail,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    ip: row.ip,
    before: row.before,
    after: row.after,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

const createdAtMicros = sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The org's audit trail, newest first. `action` with a dot matches exactly
 * ("list.create"); without one it matches the family ("list" → list.*).
 */
export async function findAuditEntries(options: {
  db: Executor;
  orgId: string;
  limit: number;
  cursor?: string;
  action?: string;
}): Promise<{ entries: TAuditEntryView[]; nextCursor: string | null }> {
  const { db, orgId, limit, cursor, action } = options;
  const after = cursor ? CURSOR.exec(cursor) : null;
  const rows = await db
    .select({ row: auditLog, at: createdAtMicros })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.organizationId, orgId),
        action ? (action.includes('.') ? eq(auditLog.action, action) : like(auditLog.action, `${action.replaceAll('_', '\\_')}.%`)) : undefined,
        // ::text first: a parameter typed timestamptz goes through a JS Date in
        // the driver and would lose the microseconds.
        after ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${after[1]}::text::timestamptz, ${after[2]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const entries = page.map(({ row }) => toAuditEntryView(row));
  return { entries, nextCursor: rows.length > limit && last ? `${last.at}_${last.row.id}` : null };
}

/** The distinct actions in the org's trail, for the page's filter: only ones that can match. */
export async function findAuditActions(options: { db: Executor; orgId: string }): Promise<string[]> {
  const rows = await options.db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.organizationId, options.orgId))
    .orderBy(auditLog.action);
  return rows.map((r) => r.action);
}

/** What the org's people did between two instants, oldest first (an incident's actions). */
export async function findAuditEntriesBetween(options: { db: Executor; orgId: string; from: Date; to: Date; limit: number }): Promise<TAuditEntryView[]> {
  const rows = await options.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organizationId, options.orgId), gte(auditLog.createdAt, options.from), lte(auditLog.createdAt, options.to)))
    .orderBy(asc(auditLog.createdAt), asc(auditLog.id))
    .limit(options.limit);
  return rows.map(toAuditEntryView);
}
