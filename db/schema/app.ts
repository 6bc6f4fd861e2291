import { sql } from 'drizzle-orm';
import {
  bigint, customType, index, integer, jsonb, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

// Tenant tables. Each has organization_id NOT NULL and a policy beside it
// (STYLE §2). ENABLE + FORCE RLS and the grants live in the custom migration
// 0001_roles_and_rls.sql because drizzle-kit does not emit FORCE.

/** xid8: the id of the writing transaction, the basis of the commit-safe stream cursor. */
const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

// SECURITY: rows are visible only when app.org_id (set per transaction with
// set_config(…, true)) equals the row's org. Unset → NULL → zero rows.
const orgIsolation = (table: string) =>
  pgPolicy(`${table}_org_isolation`, {
    as: 'permissive',
    for: 'all',
    to: 'public',
    using: sql`organization_id = current_setting('app.org_id', true)`,
    withCheck: sql`organization_id = current_setting('app.org_id', true)`,
  });

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
    reasons: jsonb('reasons').$type<{ code: string; message: string }[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('detections_org_external_id_idx').on(t.organizationId, t.externalId),
    index('detections_org_cursor_idx').on(t.organizationId, t.txId, t.seq),
    index('detections_org_seq_idx').on(t.organizationId, t.seq),
    index('detections_org_created_idx').on(t.organizationId, t.createdAt),
    index('detections_org_ip_idx').on(t.organizationId, t.ip, t.createdAt),
    index('detections_org_card_idx').on(t.organizationId, t.cardFingerprint, t.createdAt),
    index('detections_org_bin_idx').on(t.organizationId, t.cardBin, t.createdAt),
    orgIsolation('detections'),
  ],
);

export type TApiKeyRow = typeof apiKeys.$inferSelect;
export type TDetectionRow = typeof detections.$inferSelect;
