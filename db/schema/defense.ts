import { sql } from 'drizzle-orm';
import {
  bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { orgIsolation, xid8 } from './shared';

// Card-testing defence: allow/block lists, per-org rules and thresholds,
// attack incidents, detection updates (reviews) for the stream, and the audit
// trail. FORCE RLS and the grants are in the custom migration 0003.

export const lists = pgTable(
  'lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    /** ip | card_fingerprint | card_bin | email | device_id | customer_id */
    type: text('type').notNull(),
    value: text('value').notNull(),
    /** block | allow */
    action: text('action').notNull(),
    reason: text('reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Removed entries are kept (the audit trail points at them), never matched. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('lists_org_type_value_idx').on(t.organizationId, t.type, t.value), orgIsolation('lists')],
);

export const rules = pgTable(
  'rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    /** Stable slug; the defaults keep theirs so an edited default is still recognised. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    /** e.g. ip.attempts, ip.distinct_cards, bin.attempts, card.declines, ip.decline_ratio, email.attempts, amount */
    /** One numeric comparison (v1's form), null when `condition` holds the rule's condition (0015). */
    feature: text('feature'),
    windowSeconds: integer('window_seconds'),
    /** >, >=, < or <= */
    operator: text('operator'),
    threshold: doublePrecision('threshold'),
    /** An all / any group, or a comparison the flat fields cannot hold (lib/rules/condition.ts). */
    condition: jsonb('condition'),
    /** ALLOW | REVIEW | BLOCK | SCORE (add scoreDelta) */
    action: text('action').notNull(),
    scoreDelta: integer('score_delta').notNull().default(0),
    /** active | shadow: a shadow rule reports what it would have decided without deciding. */
    mode: text('mode').notNull().default('active'),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rules_org_key_idx').on(t.organizationId, t.key), orgIsolation('rules')],
);

export const orgSettings = pgTable(
  'org_settings',
  {
    organizationId: text('organization_id').primaryKey(),
    reviewThreshold: integer('review_threshold').notNull().default(50),
    blockThreshold: integer('block_threshold').notNull().default(80),
    /** A temporary change (war room): applies until overrideUntil. */
    overrideReviewThreshold: integer('override_review_threshold'),
    overrideBlockThreshold: integer('override_block_threshold'),
    overrideUntil: timestamp('override_until', { withTimezone: true }),
    /** How long a REVIEW item may wait before the queue flags it. */
    reviewTargetMinutes: integer('review_target_minutes').notNull().default(30),
    /** review.backlog alerts (lib/alerts) fire when the oldest pending review has waited longer than this (0013). */
    reviewBacklogMinutes: integer('review_backlog_minutes').notNull().default(30),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [orgIsolation('org_settings')],
);

export const attacks = pgTable(
  'attacks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    /** open | closed */
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change: the stream sends attack_updated when it moves. */
    version: integer('version').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    declined: integer('declined').notNull().default(0),
    blocked: integer('blocked').notNull().default(0),
    distinctCards: integer('distinct_cards').notNull().default(0),
    attemptsPerMinute: real('attempts_per_minute').notNull().default(0),
    topIps: jsonb('top_ips').notNull().default(sql`'[]'::jsonb`),
    topBins: jsonb('top_bins').notNull().default(sql`'[]'::jsonb`),
    topCards: jsonb('top_cards').notNull().default(sql`'[]'::jsonb`),
    /** Why it opened: the signals observed against the thresholds. */
    trigger: jsonb('trigger').notNull().default(sql`'{}'::jsonb`),
    /** What attributes an attempt to it: the attack's IPs, devices and BINs (lib/attacks/attribution.ts). */
    indicators: jsonb('indicators').notNull().default(sql`'{}'::jsonb`),
    /** When it last resumed: the attack came back soon after it had closed. */
    resumedAt: timestamp('resumed_at', { withTimezone: true }),
  },
  (t) => [index('attacks_org_status_idx').on(t.organizationId, t.status, t.startedAt), orgIsolation('attacks')],
);

/** One row per change to a detection (a review), with the same commit-safe cursor as detections. */
export const detectionUpdates = pgTable(
  'detection_updates',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    organizationId: text('organization_id').notNull(),
    detectionId: uuid('detection_id').notNull(),
    /** A review's decision change (both null for a change that moves no counter, e.g. a claim). */
    fromDecision: text('from_decision'),
    toDecision: text('to_decision'),
    /** The detection's created_at: the rollup bucket the change applies to. */
    detectionCreatedAt: timestamp('detection_created_at', { withTimezone: true }),
    /** The rollups held the detection when the change committed (lib/rollups). */
    counted: boolean('counted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('detection_updates_org_cursor_idx').on(t.organizationId, t.txId, t.seq),
    index('detection_updates_cursor_idx').on(t.txId, t.seq),
    orgIsolation('detection_updates'),
  ],
);

/** Append-only: the app role may insert and read, never update or delete (0003). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    /** e.g. list.create, list.delete, detection.review, rule.update, thresholds.override */
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    ip: text('ip'),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_created_idx').on(t.organizationId, t.createdAt), orgIsolation('audit_log')],
);

export type TListRow = typeof lists.$inferSelect;
export type TRuleRow = typeof rules.$inferSelect;
export type TOrgSettingsRow = typeof orgSettings.$inferSelect;
export type TAttackRow = typeof attacks.$inferSelect;
export type TAuditRow = typeof auditLog.$inferSelect;
