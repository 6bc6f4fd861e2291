import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { TReasonText } from '@/lib/reasons/text';
import { orgIsolation, xid8 } from './shared';

// Tenant tables. Each has organization_id NOT NULL and a policy beside it
// (README, "Row-level security"). ENABLE + FORCE RLS and the grants live in the custom migration
// 0001_roles_and_rls.sql because drizzle-kit does not emit FORCE.

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    name: text('name').notNull(),
    /** sha256 of the full key, hex. The key itself is never stored. */
    keyHash: text('key_hash').notNull(),
    /** The first characters, to recognise a key in the list. */
    keyPrefix: text('key_prefix').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_idx').on(t.keyHash),
    index('api_keys_org_idx').on(t.organizationId, t.createdAt),
    orgIsolation('api_keys'),
  ],
);

export const detections = pgTable(
  'detections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of rows within one transaction; with tx_id forms the stream cursor. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    organizationId: text('organization_id').notNull(),
    externalId: text('external_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    email: text('email'),
    ip: text('ip'),
    /** The IP's country as the merchant sent it (0015). */
    ipCountry: text('ip_country'),
    customerId: text('customer_id'),
    deviceId: text('device_id'),
    cardFingerprint: text('card_fingerprint'),
    cardBin: text('card_bin'),
    cardLast4: text('card_last4'),
    cardCountry: text('card_country'),
    authStatus: text('auth_status'),
    declineCode: text('decline_code'),
    score: integer('score').notNull(),
    riskLevel: text('risk_level').notNull(),
    decision: text('decision').notNull(),
    reasons: jsonb('reasons').$type<TStoredReason[]>().notNull(),
    /** Shadow rules that fired: what they would have decided, without deciding. */
    shadow: jsonb('shadow').$type<TStoredReason[]>().notNull().default(sql`'[]'::jsonb`),
    /** An analyst's review of a REVIEW detection: approved | blocked. */
    reviewStatus: text('review_status'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    /** The analyst's verdict with the review: fraud | genuine | unclear (null: not given, e.g. an older client). */
    reviewVerdict: text('review_verdict'),
    /** Who holds this pending item (user id, name, email) and until when; ignored once claimedUntil has passed. */
    claimedBy: text('claimed_by'),
    claimedByName: text('claimed_by_name'),
    claimedByEmail: text('claimed_by_email'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Its outcome events, oldest first (lib/outcomes keeps it in step with detection_outcomes). */
    outcomes: jsonb('outcomes').$type<TStoredOutcome[]>().notNull().default(sql`'[]'::jsonb`),
    /** fraud | legit | null: from the latest labelling outcome (lib/outcomes/label.ts). */
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('detections_org_external_id_idx').on(t.organizationId, t.externalId),
    index('detections_org_cursor_idx').on(t.organizationId, t.txId, t.seq),
    index('detections_org_seq_idx').on(t.organizationId, t.seq),
    // The rollup follower reads every organization in commit-safe order (lib/rollups).
    index('detections_cursor_idx').on(t.txId, t.seq),
    index('detections_org_created_idx').on(t.organizationId, t.createdAt),
    index('detections_org_ip_idx').on(t.organizationId, t.ip, t.createdAt),
    index('detections_org_card_idx').on(t.organizationId, t.cardFingerprint, t.createdAt),
    index('detections_org_bin_idx').on(t.organizationId, t.cardBin, t.createdAt),
    index('detections_org_email_idx').on(t.organizationId, t.email, t.createdAt),
    index('detections_org_device_idx').on(t.organizationId, t.deviceId, t.createdAt),
    index('detections_org_customer_idx').on(t.organizationId, t.customerId, t.createdAt),
    // The review queue: REVIEW detections nobody has reviewed yet.
    index('detections_org_review_idx').on(t.organizationId, t.seq).where(sql`decision = 'REVIEW' and review_status is null`),
    // Filters (lib/detections/filters.ts): reviewed rows newest first, and amount ranges.
    index('detections_org_reviewed_idx').on(t.organizationId, t.createdAt).where(sql`review_status is not null`),
    index('detections_org_amount_idx').on(t.organizationId, t.amount),
    orgIsolation('detections'),
  ],
);

/** One comparison of a rule with a condition, as its reason stores it (null observed: not evaluated). */
export type TReasonComparison = {
  feature: string;
  windowSeconds?: number;
  operator: string;
  threshold: number | string[] | boolean;
  observed: number | string | boolean | null;
  held: boolean | null;
};

/** A reason as stored and sent: code and message, plus the rule's observed value and threshold when a rule fired. */
export type TStoredReason = {
  code: string;
  message: string;
  ruleId?: string;
  observed?: number;
  threshold?: number;
  /** A rule with a condition: each comparison, held or not, with its observed value (null: not evaluated). */
  comparisons?: TReasonComparison[];
  action?: string;
  mode?: 'active' | 'shadow';
  /** This reason (or these, together) made the decision. */
  decisive?: boolean;
  /** What `message` says, as values: pages say it again in the reader's language (lib/reasons). Absent on reasons stored before. */
  text?: TReasonText;
};

/** An outcome as denormalized onto its detection: the wire shape, absent fields left out. */
export type TStoredOutcome = {
  id: string;
  type: string;
  reason?: string;
  declineCode?: string;
  amount?: number;
  occurredAt: string;
};

export type TApiKeyRow = typeof apiKeys.$inferSelect;
export type TDetectionRow = typeof detections.$inferSelect;
