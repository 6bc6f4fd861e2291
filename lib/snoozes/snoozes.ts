import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rules, ruleSnoozes, type TRuleSnoozeRow } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { formatSnoozeUntil } from './match';
import { SNOOZE_ENTITY_LABEL, type TCreateSnooze, type TSnooze, type TSnoozeEntityType, type TSnoozeQuery } from './schema';

type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };
type TRuleName = { key: string; name: string };

/** At most this many live snoozes are listed (soonest to expire first); matching at ingest is not limited. */
export const SNOOZE_PAGE_LIMIT = 500;

export function toSnooze(row: TRuleSnoozeRow, rule: TRuleName): TSnooze {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleKey: rule.key,
    ruleName: rule.name,
    entityType: row.entityType as TSnoozeEntityType,
    entityValue: row.entityValue,
    reason: row.reason,
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

const live = and(isNull(ruleSnoozes.endedAt), gt(ruleSnoozes.expiresAt, sql`now()`));

/**
 * Snoozes a rule for one entity until `input.expiresAt`, audited in the same
 * transaction. A second live snooze of the same rule for the same entity is a
 * 409 naming the first: extending it silently would overwrite a colleague's
 * reason, so it is ended first, on the record.
 */
export async function createSnooze(options: TChange & { ruleId: string; input: TCreateSnooze }): Promise<TSnooze> {
  const { db, orgId, actor, ip, ruleId, input } = options;
  // Locking the rule serialises two analysts snoozing it at once, so the check below cannot let both through.
  const [rule] = await db
    .select({ key: rules.key, name: rules.name })
    .from(rules)
    .where(and(eq(rules.id, ruleId), eq(rules.organizationId, orgId)))
    .for('update');
  if (!rule) throw new AppError('not_found', 'No rule with this id in your organization.');
  const [existing] = await db
    .select()
    .from(ruleSnoozes)
    .where(and(eq(ruleSnoozes.organizationId, orgId), eq(ruleSnoozes.ruleId, ruleId), eq(ruleSnoozes.entityType, input.entityType), eq(ruleSnoozes.entityValue, input.entityValue), live))
    .limit(1);
  if (existing) {
    const who = existing.createdBy ? ` by ${existing.createdBy}` : '';
    throw new AppError(
      'conflict',
      `“${rule.name}” is already snoozed for ${SNOOZE_ENTITY_LABEL[input.entityType]} ${input.entityValue} until ${formatSnoozeUntil(existing.expiresAt.toISOString())}${who}: end that snooze first to change it.`,
    );
  }
  const [row] = await db
    .insert(ruleSnoozes)
    .values({ ...input, organizationId: orgId, ruleId, createdBy: actor.email ?? actor.id })
    .returning();
  const snooze = toSnooze(row, rule);
  await recordAudit({ db, orgId, actor, ip, action: 'rule_snooze.create', target: { type: 'rule_snooze', id: snooze.id }, after: snooze });
  return snooze;
}

/** The org's live snoozes (not ended, not expired), soonest to expire first, optionally for one rule or one entity. */
export async function findSnoozes(options: { db: Executor; orgId: string; filters?: TSnoozeQuery }): Promise<TSnooze[]> {
  const { db, orgId, filters = {} as TSnoozeQuery } = options;
  const rows = await db
    .select({ snooze: ruleSnoozes, rule: { key: rules.key, name: rules.name } })
    .from(ruleSnoozes)
    .innerJoin(rules, eq(rules.id, ruleSnoozes.ruleId))
    .where(
      and(
        eq(ruleSnoozes.organizationId, orgId),
        live,
        filters.ruleId ? eq(ruleSnoozes.ruleId, filters.ruleId) : undefined,
        filters.entityType ? eq(ruleSnoozes.entityType, filters.entityType) : undefined,
        filters.entityValue ? eq(ruleSnoozes.entityValue, filters.entityValue) : undefined,
      ),
    )
    .orderBy(asc(ruleSnoozes.expiresAt), asc(ruleSnoozes.id))
    .limit(SNOOZE_PAGE_LIMIT);
  return rows.map((r) => toSnooze(r.snooze, r.rule));
}

/** Ends a live snooze now, audited: the rule decides for that entity again from the next ingest. */
export async function endSnooze(options: TChange & { id: string }): Promise<TSnooze> {
  const { db, orgId, actor, ip, id } = options;
  const [found] = await db
    .select({ snooze: ruleSnoozes, rule: { key: rules.key, name: rules.name } })
    .from(ruleSnoozes)
    .innerJoin(rules, eq(rules.id, ruleSnoozes.ruleId))
    .where(and(eq(ruleSnoozes.id, id), eq(ruleSnoozes.organizationId, orgId)))
    .for('update', { of: ruleSnoozes });
  if (!found) throw new AppError('not_found', 'No snooze with this id in your organization.');
  const before = toSnooze(found.snooze, found.rule);
  if (before.endedAt) throw new AppError('conflict', `This snooze was already ended at ${formatSnoozeUntil(before.endedAt)}.`);
  const [row] = await db
    .update(ruleSnoozes)
    .set({ endedAt: sql`now()` })
    .where(and(eq(ruleSnoozes.id, id), eq(ruleSnoozes.organizationId, orgId), gt(ruleSnoozes.expiresAt, sql`now()`)))
    .returning();
  if (!row) throw new AppError('conflict', `This snooze already expired at ${formatSnoozeUntil(before.expiresAt)}.`);
  const after = toSnooze(row, found.rule);
  await recordAudit({ db, orgId, actor, ip, action: 'rule_snooze.end', target: { type: 'rule_snooze', id }, before, after });
  return after;
}
