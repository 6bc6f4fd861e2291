import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orgSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { ensureOrgDefaults } from '@/lib/rules/seed';
import { DEFAULT_REVIEW_BACKLOG_MINUTES, type TAlertSettings } from './schema';

// The org's alert settings, on its org_settings row (migration 0013).

export async function getAlertSettings(options: { db: Executor; orgId: string }): Promise<TAlertSettings> {
  const { db, orgId } = options;
  const [row] = await db.select({ m: orgSettings.reviewBacklogMinutes }).from(orgSettings).where(eq(orgSettings.organizationId, orgId)).limit(1);
  return { reviewBacklogMinutes: row?.m ?? DEFAULT_REVIEW_BACKLOG_MINUTES };
}

export async function updateAlertSettings(options: { db: Executor; orgId: string; actor: { id: string; email?: string | null }; ip: string | null; input: TAlertSettings }): Promise<TAlertSettings> {
  const { db, orgId, actor, ip, input } = options;
  await ensureOrgDefaults({ db, orgId });
  const [before] = await db.select({ m: orgSettings.reviewBacklogMinutes }).from(orgSettings).where(eq(orgSettings.organizationId, orgId)).for('update');
  if (before.m === input.reviewBacklogMinutes) return input;
  await db
    .update(orgSettings)
    .set({ reviewBacklogMinutes: input.reviewBacklogMinutes, updatedBy: actor.email ?? actor.id, updatedAt: new Date() })
    .where(eq(orgSettings.organizationId, orgId));
  await recordAudit({ db, orgId, actor, ip, action: 'alerts.settings', target: { type: 'org_settings', id: orgId }, before: { reviewBacklogMinutes: before.m }, after: input });
  return input;
}
