import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { organization } from '@/db/schema';
import { appOrigins } from '@/lib/env';

/** The organization's name, for a message's words (organizations are not tenant data: plain grants). */
export async function orgName(db: Executor, orgId: string): Promise<string> {
  const [row] = await db.select({ name: organization.name }).from(organization).where(eq(organization.id, orgId)).limit(1);
  return row?.name ?? 'your organization';
}

/** A page of the dashboard as a link in a message: BETTER_AUTH_URL, the app's public origin. */
export const appLink = (path: string) => `${appOrigins()[0]}${path}`;
