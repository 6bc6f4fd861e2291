import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { rules, type TRuleRow } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { recordAudit } from '@/lib/audit';
import { DEFAULT_RULES } from './defaults';
import type { TCondition } from './condition';
import type { TFeature } from './features';
import { RULE_LIMITS, type TCreateRule, type TRule, type TRuleAction, type TRuleMode, type TRuleOperator, type TUpdateRule } from './schema';
import { ensureOrgDefaults } from './seed';
import { conditionForCreate, conditionForUpdate, throwIfInvalidAction } from './validate';

export type TActor = { id: string; email?: string | null };
type TChange = { db: Executor; orgId: string; actor: TActor; ip: string | null };

const DEFAULT_ORDER = new Map(DEFAULT_RULES.map((r, i) => [r.key, i]));

export function toRule(row: TRuleRow): TRule {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    feature: row.feature as TFeature | null,
    windowSeconds: row.windowSeconds,
    operator: row.operator as TRuleOperator | null,
    threshold: row.threshold,
    condition: (row.condition as TCondition | null) ?? null,
    action: row.action as TRuleAction,
    scoreDelta: row.scoreDelta,
    mode: row.mode as TRuleMode,
    enabled: row.enabled,
    version: row.version,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The org's rules, enabled or not, seeding the defaults on first use. */
export async function findRules(options: { db: Executor; orgId: string }): Promise<TRule[]> {
  await ensureOrgDefaults(options);
  const rows = await options.db.select().from(rules).where(eq(rules.organizationId, options.orgId)).orderBy(asc(rules.createdAt), asc(rules.key));
  // The defaults in their published order (grouped by what they watch), then custom rules as added.
  const rank = (key: string) => (DEFAULT_ORDER.has(key) ? DEFAULT_ORDER.get(key)! : DEFAULT_ORDER.size);
  return rows.map(toRule).sort((a, b) => rank(a.key) - rank(b.key));
}

/** Edits a rule; the next ingest uses it. Locks the row so concurrent edits each bump the version. */
export async function updateRule(options: TChange & { id: string; input: TUpdateRule }): Promise<TRule> {
  const { db, orgId, id, input, actor, ip } = options;
  const [row] = await db.select().from(rules).where(and(eq(rules.id, id), eq(rules.organizationId, orgId))).for('update');
  if (!row) throw new AppError('not_found', 'No rule with this id in your organization.');
  const before = toRule(row);
  const { feature: _f, windowSeconds: _w, operator: _o, threshold: _t, condition: _c, ...rest } = input;
  const condition = conditionForUpdate(before, input);
  throwIfInvalidAction({ ...before, ...rest });

  const [updated] = await db
    .update(rules)
    .set({ ...rest, ...condition, version: sql`${rules.version} + 1`, updatedBy: actor.email ?? actor.id, updatedAt: new Date() })
    .where(and(eq(rules.id, id), eq(rules.organizationId, orgId)))
    .returning();
  const after = toRule(updated);
  await recordAudit({ db, orgId, actor, ip, action: 'rule.update', target: { type: 'rule', id }, before, after });
  return after;
}

/** Adds a custom rule. Its key is unique in the org (409 otherwise). */
export async function createRule(options: TChange & { input: TCreateRule }): Promise<TRule> {
  const { db, orgId, input, actor, ip } = options;
  const { feature: _f, windowSeconds: _w, operator: _o, threshold: _t, condition: _c, ...rest } = input;
  const values = { ...rest, ...conditionForCreate(input), scoreDelta: input.scoreDelta ?? 0 };
  throwIfInvalidAction(values);

  await ensureOrgDefaults({ db, orgId });
  const [{ n }] = await db.select({ n: count() }).from(rules).where(eq(rules.organizationId, orgId));
  if (n >= RULE_LIMITS.maxRulesPerOrg) {
    throw new AppError('conflict', `An organization has at most ${RULE_LIMITS.maxRulesPerOrg} rules: disable or edit one instead.`);
  }
  const [row] = await db
    .insert(rules)
    .values({ ...values, organizationId: orgId, updatedBy: actor.email ?? actor.id })
    .onConflictDoNothing({ target: [rules.organizationId, rules.key] })
    .returning();
  if (!row) throw new AppError('conflict', `key: A rule with the key "${input.key}" already exists in your organization.`, { field: 'key' });
  const rule = toRule(row);
  await recordAudit({ db, orgId, actor, ip, action: 'rule.create', target: { type: 'rule', id: rule.id }, before: null, after: rule });
  return rule;
}
