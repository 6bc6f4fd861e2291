import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
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
    reviewTargetMinutes: row.reviewTargetMinutes,
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

// Column values, or SQL for a value the database computes (its clock, for an override's end).
type TSettingsChange = { [K in keyof typeof orgSettings.$inferInsert]?: (typeof orgSettings.$inferInsert)[K] | SQL };

/**
 * Every thresholds change: lock the org's settings row, read it, apply the
 * change, read it back and audit before/after, all in the caller's
 * transaction. `change` returns null when there is nothing to do; `audited`
 * says whether this change is worth an audit entry (default: always).
 */
async function changeSettings(
  options: TChange & { action: string; change: (row: TSettingsRow, before: TThresholdsView) => TSettingsChange | null; audited?: (before: TThresholdsView) => boolean },
): Promise<TThresholdsView> {
  const { db, orgId, actor, ip, action } = options;
  const row = await readSettings(db, orgId, true);
  const before = toView(row);
  const values = options.change(row, before);
  if (!values) return before;
  await db
    .update(orgSettings)
    .set({ ...values, updatedBy: actor.email ?? actor.id, updatedAt: new Date() })
    .where(eq(orgSettings.organizationId, orgId));
  const after = toView((await selectSettings(db, orgId, false))[0]);
  if (options.audited?.(before) ?? true) {
    await recordAudit({ db, orgId, actor, ip, action, target: { type: 'org_settings', id: orgId }, before, after });
  }
  return after;
}

/** The org's standing thresholds; an override in force keeps applying until it ends. */
export async function updateThresholds(options: TChange & { input: TThresholds & { reviewTargetMinutes?: number } }): Promise<TThresholdsView> {
  const { input } = options;
  const target = input.reviewTargetMinutes === undefined ? {} : { reviewTargetMinutes: input.reviewTargetMinutes };
  return changeSettings({ ...options, action: 'thresholds.update', change: () => ({ reviewThreshold: input.review, blockThreshold: input.block, ...target }) });
}

/** Temporary thresholds (the war room tightens them during an attack), replacing any override in force. */
export async function setThresholdsOverride(options: TChange & { input: TThresholds & { minutes: number } }): Promise<TThresholdsView> {
  const { input } = options;
  return changeSettings({
    ...options,
    action: 'thresholds.override',
    change: () => ({
      overrideReviewThreshold: input.review,
      overrideBlockThreshold: input.block,
      overrideUntil: sql`now() + ${input.minutes}::int * interval '1 minute'`,
    }),
  });
}

/** Ends the override now. Without one in force nothing changes (and nothing is audited); a lapsed one is cleared silently. */
export async function clearThresholdsOverride(options: TChange): Promise<TThresholdsView> {
  return changeSettings({
    ...options,
    action: 'thresholds.override_end',
    change: (row, before) => (!before.override && row.overrideUntil === null ? null : { overrideReviewThreshold: null, overrideBlockThreshold: null, overrideUntil: null }),
    audited: (before) => before.override !== null,
  });
}
