import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import type { TTransactionInput } from '@/lib/detections/schema';
import { listCandidates, type TListHit } from '@/lib/lists/match';
import type { TRuleSpec } from '@/lib/rules/schema';
import { queryPrepared } from '@/lib/rules/prepared';
import { seedOrgDefaults } from '@/lib/rules/seed';
import { snoozeCandidates, type TSnoozeHit } from '@/lib/snoozes/match';
import type { TThresholds } from './thresholds';

/** Everything ingest needs before the velocity query, read in one round trip. */
export type TScoringContext = {
  /** A detection with the same externalId already exists: ingest answers with it. */
  existingId: string | null;
  /** The thresholds in force: the temporary override while it lasts, else the org's. */
  thresholds: TThresholds;
  /** Enabled rules, active and shadow. */
  rules: TRuleSpec[];
  /** Live list entries matching the attempt. */
  listHits: TListHit[];
  /** Live rule snoozes for the attempt's email, card, customer or device (lib/snoozes). */
  snoozes: TSnoozeHit[];
};

function listMatchSql(input: TTransactionInput): SQL {
  const clauses = listCandidates(input).map(
    (c) => sql`(type = ${c.type} and value in (${sql.join(c.values.map((v) => sql`${v}`), sql`, `)}))`,
  );
  return clauses.length ? sql.join(clauses, sql` or `) : sql`false`;
}

function snoozeMatchSql(input: TTransactionInput): SQL {
  const clauses = snoozeCandidates(input).map((c) => sql`(entity_type = ${c.type} and entity_value = ${c.value})`);
  return clauses.length ? sql.join(clauses, sql` or `) : sql`false`;
}

type TContextRow = {
  settings: { review: number; block: number; overrideReview: number | null; overrideBlock: number | null; overrideActive: boolean } | null;
  rules: TRuleSpec[];
  lists: TListHit[];
  snoozes: TSnoozeHit[];
  existing_id: string | null;
};

async function readContext(db: Executor, orgId: string, input: TTransactionInput): Promise<TContextRow> {
  const rows = await queryPrepared<TContextRow>(db, sql`
    select
      (select json_build_object(
          'review', review_threshold, 'block', block_threshold,
          'overrideReview', override_review_threshold, 'overrideBlock', override_block_threshold,
          'overrideActive', coalesce(override_until > now(), false))
        from org_settings where organization_id = ${orgId}) as settings,
      (select coalesce(json_agg(json_build_object(
          'id', id, 'key', key, 'name', name, 'feature', feature, 'windowSeconds', window_seconds,
          'operator', operator, 'threshold', threshold, 'condition', condition, 'action', action, 'scoreDelta', score_delta, 'mode', mode)
          order by created_at, key), '[]'::json)
        from rules where organization_id = ${orgId} and enabled) as rules,
      (select coalesce(json_agg(json_build_object(
          'id', id, 'type', type, 'value', value, 'action', action, 'reason', reason, 'expiresAt', expires_at)
          order by created_at), '[]'::json)
        from lists where organization_id = ${orgId} and deleted_at is null
          and (expires_at is null or expires_at > now()) and (${listMatchSql(input)})) as lists,
      (select coalesce(json_agg(json_build_object(
          'id', id, 'ruleId', rule_id, 'entityType', entity_type, 'entityValue', entity_value, 'reason', reason, 'expiresAt', expires_at)
          order by expires_at desc), '[]'::json)
        from rule_snoozes where organization_id = ${orgId} and ended_at is null and expires_at > now()
          and (${snoozeMatchSql(input)})) as snoozes,
      (select id from detections where organization_id = ${orgId} and external_id = ${input.externalId}) as existing_id
  `);
  return rows[0];
}

/**
 * Settings, enabled rules, matching list entries and rule snoozes, and the idempotency check in
 * ONE round trip, inside the request's RLS transaction (and filtered by org
 * explicitly). The first ingest of an org seeds its defaults, then reads again.
 */
export async function loadScoringContext(options: { db: Executor; orgId: string; input: TTransactionInput }): Promise<TScoringContext> {
  const { db, orgId, input } = options;
  let row = await readContext(db, orgId, input);
  if (!row.settings) {
    await seedOrgDefaults({ db, orgId });
    row = await readContext(db, orgId, input);
  }
  const s = row.settings;
  const thresholds =
    s && s.overrideActive && s.overrideReview !== null && s.overrideBlock !== null
      ? { review: s.overrideReview, block: s.overrideBlock, temporary: true }
      : { review: s?.review ?? 50, block: s?.block ?? 80 };
  return { existingId: row.existing_id, thresholds, rules: row.rules, listHits: row.lists, snoozes: row.snoozes };
}
