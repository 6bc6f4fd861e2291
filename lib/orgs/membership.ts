import { and, eq } from 'drizzle-orm';
import { appDb } from '@/db/client';
import { member } from '@/db/schema';

export type TOrgRole = 'owner' | 'admin' | 'member';

/** The user's role in the org, or null when not a member. Auth tables have no RLS. */
export async function findMembershipRole(options: { userId: string; orgId: string }): Promise<TOrgRole | null> {
  const rows = await appDb()
    .db.select({ role: member.role })
    .from(member)
    .where(and(eq(member.userId, options.userId), eq(member.organizationId, options.orgId)))
    .limit(1);
  return (rows[0]?.role as TOrgRole | undefined) ?? null;
}
