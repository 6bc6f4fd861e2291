import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { savedViews, type TSavedViewRow } from '@/db/schema';
import type { TSessionUser } from '@/lib/api/context';
import { recordAudit } from '@/lib/audit';
import type { TDetectionFilters } from '@/lib/detections/filters';
import { AppError } from '@/lib/errors';
import { can, throwUnlessAllowed, type TOrgRole } from '@/lib/orgs/permissions';
import { MAX_VIEWS_PER_USER, type TCreateView, type TSavedView } from './schema';

type TChange = { db: Executor; orgId: string; user: TSessionUser; ip: string | null };

function toSavedView(row: TSavedViewRow, userId: string): TSavedView {
  return {
    id: row.id,
    name: row.name,
    filters: row.filters as TDetectionFilters,
    shared: row.shared,
    mine: row.userId === userId,
    createdBy: { id: row.userId, name: row.userName, email: row.userEmail },
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's views, then the ones others shared with the org; each group by name. */
export async function findViews(options: { db: Executor; orgId: string; userId: string }): Promise<TSavedView[]> {
  const { db, orgId, userId } = options;
  const rows = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.organizationId, orgId), or(eq(savedViews.userId, userId), eq(savedViews.shared, true))))
    .orderBy(desc(sql`${savedViews.userId} = ${userId}`), asc(sql`lower(${savedViews.name})`), asc(savedViews.createdAt));
  return rows.map((r) => toSavedView(r, userId));
}

export async function createView(options: TChange & { input: TCreateView }): Promise<TSavedView> {
  const { db, orgId, user, ip, input } = options;
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(savedViews)
    .where(and(eq(savedViews.organizationId, orgId), eq(savedViews.userId, user.id)));
  if (n >= MAX_VIEWS_PER_USER) throw new AppError('conflict', `You already have ${MAX_VIEWS_PER_USER} saved views in this organization: delete one first.`);
  const [row] = await db
    .insert(savedViews)
    .values({ organizationId: orgId, userId: user.id, userName: user.name, userEmail: user.email, name: input.name, filters: input.filters, shared: input.shared })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', `You already have a view named "${input.name}": pick another name, or delete that one first.`, { field: 'name' });
  const view = toSavedView(row, user.id);
  await recordAudit({ db, orgId, actor: user, ip, action: 'view.create', target: { type: 'saved_view', id: view.id }, after: view });
  return view;
}

/**
 * Deletes one of the caller's views, or (admin, owner) one someone else
 * shared. Another analyst's private view is a 404, as if it did not exist.
 */
export async function deleteView(options: TChange & { id: string; role: TOrgRole }): Promise<TSavedView> {
  const { db, orgId, user, ip, id, role } = options;
  const [row] = await db.select().from(savedViews).where(and(eq(savedViews.organizationId, orgId), eq(savedViews.id, id))).limit(1);
  if (!row || (row.userId !== user.id && !row.shared)) throw new AppError('not_found', 'No saved view with this id in your organization.');
  if (row.userId !== user.id && !can(role, 'views.manage')) throwUnlessAllowed(role, 'views.manage');
  await db.delete(savedViews).where(and(eq(savedViews.organizationId, orgId), eq(savedViews.id, id)));
  const view = toSavedView(row, user.id);
  await recordAudit({ db, orgId, actor: user, ip, action: 'view.delete', target: { type: 'saved_view', id: view.id }, before: view });
  return view;
}
