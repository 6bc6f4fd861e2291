import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { rules } from './defense';
import { orgIsolation } from './shared';

// A rule snoozed for one entity (lib/snoozes): the rule is still evaluated for
// it, reported in shadow, and decides nothing until expires_at. FORCE RLS, the
// checks and the grants are in migration 0016.

export const ruleSnoozes = pgTable(
  'rule_snoozes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => rules.id, { onDelete: 'cascade' }),
    /** email | card_fingerprint | customer_id | device_id */
    entityType: text('entity_type').notNull(),
    /** In the form ingest matches it (an email lowercased). */
    entityValue: text('entity_value').notNull(),
    reason: text('reason').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when someone ends it before expiresAt; the row stays for the audit trail. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('rule_snoozes_org_entity_idx').on(t.organizationId, t.entityType, t.entityValue).where(sql`${t.endedAt} is null`),
    index('rule_snoozes_rule_idx').on(t.ruleId),
    orgIsolation('rule_snoozes'),
  ],
);

export type TRuleSnoozeRow = typeof ruleSnoozes.$inferSelect;
