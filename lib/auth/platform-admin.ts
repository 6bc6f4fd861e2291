import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { user as users } from '@/db/schema/auth';
import { appDb } from '@/lib/db';
import { adminEmails } from '@/lib/env';
import { logger } from '@/lib/logger';

/**
 * SECURITY: ADMIN_EMAILS makes a platform admin only of the person who owns
 * the address: the role is granted once the address is verified (Better
 * Auth's verification link), never at sign-up, where anyone could register
 * an address first. Called after every user update; the verification is one.
 */
export async function grantAdminIfVerified(u: { id: string; email: string; emailVerified: boolean; role?: unknown }): Promise<void> {
  if (!u.emailVerified || u.role === 'admin' || !adminEmails().has(u.email.toLowerCase())) return;
  await appDb().db.update(users).set({ role: 'admin' }).where(eq(users.id, u.id));
  logger().info({ userId: u.id }, 'platform admin granted (verified ADMIN_EMAILS address)');
}

/** `npm run admin -- grant <email>`: an operator on the server vouches for the address. False when no such user. */
export async function grantPlatformAdmin(options: { db: Executor; email: string }): Promise<boolean> {
  const { db, email } = options;
  const rows = await db
    .update(users)
    .set({ role: 'admin', emailVerified: true })
    .where(eq(users.email, email.trim().toLowerCase()))
    .returning({ id: users.id });
  return rows.length > 0;
}
