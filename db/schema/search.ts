import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIsolation } from './shared';

/**
 * One row per reason code a detection carries (score_threshold aside), kept by
 * the triggers of migration 0009; the `rule` filter reads it (lib/detections/filters.ts).
 * Joined back to detections on (organization_id, seq).
 */
export const detectionReasonCodes = pgTable(
  'detection_reason_codes',
  {
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** The detection's amount and score (never change), for "this rule above this amount" from the index alone. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    score: integer('score').notNull(),
  },
  // The index INCLUDEs amount and score (migration 0009; drizzle's builder has no INCLUDE).
  (t) => [
    index('detection_reason_codes_idx').on(t.organizationId, t.code, t.createdAt, t.seq),
    index('detection_reason_codes_amount_idx').on(t.organizationId, t.code, t.amount),
    orgIsolation('detection_reason_codes'),
  ],
);

/** A named set of the list's filters (lib/views), private to its author or shared with the org. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    userId: text('user_id').notNull(),
    userName: text('user_name'),
    userEmail: text('user_email'),
    name: text('name').notNull(),
    /** As ZDetectionFiltersSchema parsed them (lib/detections/filters.ts). */
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_org_user_name_idx').on(t.organizationId, t.userId, sql`lower(${t.name})`), orgIsolation('saved_views')],
);

export type TSavedViewRow = typeof savedViews.$inferSelect;
