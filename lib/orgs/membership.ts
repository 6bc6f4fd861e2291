import { and, desc, eq } from 'drizzle-orm';
import { appDb } from '@/lib/db';
import { member } from '@/db/schema';

import { toOrgRole, type TOrgRole } from './permissions';

/** The user's role in the org as Orylo reads it (permissions.ts), or null when not a member. Auth tables have no RLS. */
export async function findMembershipRole(options: { userId: string; orgId: string }): Promise<TOrgRole | null> {
  const rows = await appDb()
    .db.select({ role: member.role })
    .from(member)
    .where(and(eq(member.userId, options.userId), eq(member.organizationId, options.orgId)))
    .limit(1);
  return rows[0] ? toOrgRole(rows[0].role) : null;
}

/** The organization the user joined last, or null. */
export async function findLatestOrgId(userId: string): Promise<string | null> {
  const rows = await appDb()
    .db.select({ orgId: member.organizationId })
    .from(member)
    .where(eq(member.userId, userId))
    .orderBy(desc(member.createdAt))
    .limit(1);
  return rows[0]?.orgId ?? null;
}
