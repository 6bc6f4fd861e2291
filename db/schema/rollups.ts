import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { orgIsolation, xid8 } from './shared';

// Counters that cost the same whatever the volume (lib/rollups). Written only
// by the SECURITY DEFINER functions of migration 0006; the app role reads.

/** Detections per organization and minute or hour, by decision, as the follower has read them. */
export const detectionRollups = pgTable(
  'detection_rollups',
  {
    organizationId: text('organization_id').notNull(),
    /** minute | hour */
    grain: text('grain').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    total: integer('total').notNull().default(0),
    allow: integer('allow').notNull().default(0),
    review: integer('review').notNull().default(0),
    block: integer('block').notNull().default(0),
    /** REVIEW detections of this bucket still waiting for an analyst. */
    pending: integer('pending').notNull().default(0),
    /** Reviews of this bucket's detections, by outcome. */
    approved: integer('approved').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'detection_rollups_pk', columns: [t.organizationId, t.grain, t.bucket] }), orgIsolation('detection_rollups')],
);

/** One row: the follower's cursors into detections and detection_updates. */
export const rollupState = pgTable('rollup_state', {
  id: integer('id').primaryKey().default(1),
  detTx: xid8('det_tx').notNull().default(sql`'0'::xid8`),
  detSeq: bigint('det_seq', { mode: 'number' }).notNull().default(0),
  updTx: xid8('upd_tx').notNull().default(sql`'0'::xid8`),
  updSeq: bigint('upd_seq', { mode: 'number' }).notNull().default(0),
  advancedAt: timestamp('advanced_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A rule's fires per organization, reason code and hour, with the reviews and
 * labels of those detections, as the rule follower has read them (migration
 * 0017; lib/rules/stats.ts reads them).
 */
export const ruleRollups = pgTable(
  'rule_rollups',
  {
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    fires: integer('fires').notNull().default(0),
    /** Fires found in `shadow`: a shadow-mode rule, or an active one a list overruled. */
    shadowFires: integer('shadow_fires').notNull().default(0),
    /** Active fires that made the decision. */
    decided: integer('decided').notNull().default(0),
    /** The decisions those detections got at scoring (a reviewed row counts as the REVIEW it was). */
    allow: integer('allow').notNull().default(0),
    review: integer('review').notNull().default(0),
    block: integer('block').notNull().default(0),
    approved: integer('approved').notNull().default(0),
    blocked: integer('blocked').notNull().default(0),
    fraud: integer('fraud').notNull().default(0),
    legit: integer('legit').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'rule_rollups_pk', columns: [t.organizationId, t.code, t.bucket] }), orgIsolation('rule_rollups')],
);

/** Review and label deltas of detections the rule follower had already read, until it drains them (a trigger on detections writes them). */
export const ruleRollupChanges = pgTable(
  'rule_rollup_changes',
  {
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    organizationId: text('organization_id').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    codes: text('codes').array().notNull(),
    approved: integer('approved').notNull(),
    blocked: integer('blocked').notNull(),
    fraud: integer('fraud').notNull(),
    legit: integer('legit').notNull(),
  },
  (t) => [
    index('rule_rollup_changes_cursor_idx').on(t.txId, t.seq),
    index('rule_rollup_changes_org_cursor_idx').on(t.organizationId, t.txId, t.seq),
    orgIsolation('rule_rollup_changes'),
  ],
);

/** One row: the rule follower's cursors into detections and rule_rollup_changes. */
export const ruleRollupState = pgTable('rule_rollup_state', {
  id: integer('id').primaryKey().default(1),
  detTx: xid8('det_tx').notNull().default(sql`'0'::xid8`),
  detSeq: bigint('det_seq', { mode: 'number' }).notNull().default(0),
  chgTx: xid8('chg_tx').notNull().default(sql`'0'::xid8`),
  chgSeq: bigint('chg_seq', { mode: 'number' }).notNull().default(0),
  advancedAt: timestamp('advanced_at', { withTimezone: true }).notNull().defaultNow(),
});
