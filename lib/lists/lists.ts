import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { lists, type TListRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit';
import { queueWebhookEvent } from '@/lib/webhooks/queue';
import type { TCreateListEntry, TListAction, TListEntry, TListType } from './schema';

type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };

/** At most this many entries are listed (newest first); matching at ingest is not limited. */
export const LIST_PAGE_LIMIT = 1000;

export function toListEntry(row: TListRow, now = Date.now()): TListEntry {
  return {
    id: row.id,
    type: row.type as TListType,
    value: row.value,
    action: row.action as TListAction,
    reason: row.reason,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expired: row.expiresAt !== null && row.expiresAt.getTime() <= now,
  };
}

const live = and(isNull(lists.deletedAt), or(isNull(lists.expiresAt), gt(lists.expiresAt, sql`now()`)));

/**
 * Adds an entry; it applies from the next ingest. An existing live entry with
 * the same type, value and action is replaced (removed), so adding it again
 * changes its expiry or reason instead of stacking duplicates.
 */
export async function createListEntry(options: TChange & { input: TCreateListEntry }): Promise<TListEntry> {
  const { db, orgId, actor, ip, input } = options;
  const replaced = await db
    .update(lists)
    .set({ deletedAt: new Date() })
    .where(and(eq(lists.organizationId, orgId), eq(lists.type, input.type), eq(lists.value, input.value), eq(lists.action, input.action), live))
    .returning();
  const [row] = await db
    .insert(lists)
    .values({ ...input, organizationId: orgId, createdBy: actor.email ?? actor.id })
    .returning();
  const entry = toListEntry(row);
  await recordAudit({
    db, orgId, actor, ip, action: 'list.create', target: { type: 'list_entry', id: entry.id },
    before: replaced.length ? replaced.map((r) => toListEntry(r)) : null,
    after: entry,
  });
  await queueWebhookEvent({ db, orgId, type: 'list.changed', data: { action: 'added', entry, replaced: replaced.map((r) => toListEntry(r)) } });
  return entry;
}

/** The org's live entries, newest first; with includeExpired also those past their expiry (never removed ones). */
export async function findListEntries(options: { db: Executor; orgId: string; includeExpired?: boolean }): Promise<TListEntry[]> {
  const { db, orgId, includeExpired = false } = options;
  const rows = await db
    .select()
    .from(lists)
    .where(and(eq(lists.organizationId, orgId), includeExpired ? isNull(lists.deletedAt) : live))
    .orderBy(desc(lists.createdAt))
    .limit(LIST_PAGE_LIMIT);
  const now = Date.now();
  return rows.map((r) => toListEntry(r, now));
}

/** Removes an entry (kept as soft-deleted for the audit trail); the next ingest no longer matches it. */
export async function deleteListEntry(options: TChange & { id: string }): Promise<TListEntry> {
  const { db, orgId, actor, ip, id } = options;
  const [row] = await db
    .update(lists)
    .set({ deletedAt: new Date() })
    .where(and(eq(lists.id, id), eq(lists.organizationId, orgId), isNull(lists.deletedAt)))
    .returning();
  if (!row) throw new AppError('not_found', 'No list entry with this id in your organization.');
  const entry = toListEntry(row);
  await recordAudit({
    db, orgId, actor, ip, action: 'list.delete', target: { type: 'list_entry', id },
    before: entry,
    after: { ...entry, deletedAt: row.deletedAt?.toISOString() ?? null },
  });
  await queueWebhookEvent({ db, orgId, type: 'list.changed', data: { action: 'removed', entry } });
  return entry;
}
