import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orgSettings, rules } from '@/db/schema';
import { DEFAULT_RULES } from './defaults';

/**
 * Seeds the default rules and the thresholds row of an organization. Safe to
 * run concurrently and repeatedly: both inserts skip what exists, and a second
 * seeder waits on the first one's uncommitted rows instead of duplicating them.
 * The org_settings row is the "seeded" marker, written last in the same
 * transaction, so it never exists without the rules.
 */
export async function seedOrgDefaults(options: { db: Executor; orgId: string }): Promise<void> {
  const { db, orgId } = options;
  await db
    .insert(rules)
    .values(DEFAULT_RULES.map((r) => ({ ...r, organizationId: orgId })))
    .onConflictDoNothing({ target: [rules.organizationId, rules.key] });
  await db.insert(orgSettings).values({ organizationId: orgId }).onConflictDoNothing({ target: orgSettings.organizationId });
}

/** Seeds on first use (first ingest or first read of the settings). */
export async function ensureOrgDefaults(options: { db: Executor; orgId: string }): Promise<void> {
  const [seeded] = await options.db
    .select({ orgId: orgSettings.organizationId })
    .from(orgSettings)
    .where(eq(orgSettings.organizationId, options.orgId))
    .limit(1);
  if (!seeded) await seedOrgDefaults(options);
}
