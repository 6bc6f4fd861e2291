import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { orgSettings } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { ensureOrgDefaults } from '@/lib/rules/seed';
import type { TThresholds, TThresholdsView } from './thresholds';

type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };

// The database clock decides whether an override is still on, as it does at ingest.
const selectSettings = (db: Executor, orgId: string, lock: boolean) => {
  const q = db
    .select({ ...getTableColumns(orgSettings), overrideActive: sql<boolean>`coalesce(${orgSettings.overrideUntil} > now(), false)` })
    .from(orgSettings)
    .where(eq(orgSettings.organizationId, orgId));
  return lock ? q.for('update') : q;
};

type TSettingsRow = Awaited<ReturnType<typeof selectSettings>>[number];

function toView(row: TSettingsRow): TThresholdsView {
  const active = row.overrideActive && row.overrideUntil && row.overrideReviewThreshold !== null && row.overrideBlockThreshold !== null;
  return {
    review: row.reviewThreshold,
    block: row.blockThreshold,
    override: active
      ? { review: row.overrideReviewThreshold!, block: row.overrideBlockThreshold!, until: row.overrideUntil!.toISOString() }
      : null,
  };
}

async function readSettings(db: Executor, orgId: string, lock = false): Promise<TSettingsRow> {
  await ensureOrgDefaults({ db, orgId });
  const [row] = await selectSettings(db, orgId, lock);
  return row;
}

export async function getThresholds(options: { db: Executor; orgId: string }): Promise<TThresholdsView> {
  return toView(await readSettings(options.db, options.orgId));
}

/** The org's standing thresholds; an override in force keeps applying until it ends. */
export async function updateThresholds(options: TChange & { input: TThresholds }): Promise<TThresholdsView> {
  const { db, orgId, actor, ip, input } = options;
  const before = toView(await readSettings(db, orgId, true));
  await db
    .update(orgSettings)
    .set({ reviewThreshold: input.review, blockThreshold: input.block, updatedBy: actor.email ?? actor.id, updatedAt: new Date() })
    .where(eq(orgSettings.organizationId, orgId));
  const after = toView((await selectSettings(db, orgId, false))[0]);
  await recordAudit({ db, orgId, actor, ip, action: 'thresholds.update', target: { type: 'org_settings', id: orgId }, before, after });
  return after;
}

/** Temporary thresholds (the war room tightens them during an attack), replacing any override in force. */
export async function setThresholdsOverride(options: TChange & { input: TThresholds & { minutes: number } }): Promise<TThresholdsView> {
  const { db, orgId, actor, ip, input } = options;
  const before = toView(await readSettings(db, orgId, true));
  await db
    .update(orgSettings)
    .set({
      overrideReviewThreshold: input.review,
      overrideBlockThreshold: input.block,
      overrideUntil: sql`now() + ${input.minutes}::int * interval '1 minute'`,
      updatedBy: actor.email ?? actor.id,
      updatedAt: new Date(),
    })
    .where(eq(orgSettings.organizationId, orgId));
  const after = toView((await selectSettings(db, orgId, false))[0]);
  await recordAudit({ db, orgId, actor, ip, action: 'thresholds.override', target: { type: 'org_settings', id: orgId }, before, after });
  return after;
}

/** Ends the override now. Without one in force nothing changes (and nothing is audited). */
export async function clearThresholdsOverride(options: TChange): Promise<TThresholdsView> {
  const { db, orgId, actor, ip } = options;
  const row = await readSettings(db, orgId, true);
  const before = toView(row);
  if (!before.override && row.overrideUntil === null) return before;
  await db
    .update(orgSettings)
    .set({ overrideReviewThreshold: null, overrideBlockThreshold: null, overrideUntil: null, updatedBy: actor.email ?? actor.id, updatedAt: new Date() })
    .where(eq(orgSettings.organizationId, orgId));
  const after = toView((await selectSettings(db, orgId, false))[0]);
  if (before.override) {
    await recordAudit({ db, orgId, actor, ip, action: 'thresholds.override_end', target: { type: 'org_settings', id: orgId }, before, after });
  }
  return after;
}
