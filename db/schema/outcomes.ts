import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { detections } from './app';
import { orgIsolation } from './shared';

/**
 * What happened to a payment after it was scored (lib/outcomes), one row per
 * event; migration 0011. The unique (organization_id, event_id) index is what
 * makes a retried post idempotent, concurrent copies included.
 */
export const detectionOutcomes = pgTable(
  'detection_outcomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    detectionId: uuid('detection_id')
      .notNull()
      .references(() => detections.id, { onDelete: 'cascade' }),
    /** The client's `id`, or one generated when it sent none. */
    eventId: text('event_id').notNull(),
    /** authorized | declined | refunded | chargeback | early_fraud_warning | fraud_confirmed | legit_confirmed */
    type: text('type').notNull(),
    reason: text('reason'),
    declineCode: text('decline_code'),
    /** Minor units. */
    amount: bigint('amount', { mode: 'number' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The member's email, or "api_key:<id>". */
    createdBy: text('created_by'),
  },
  (t) => [
    uniqueIndex('detection_outcomes_org_event_idx').on(t.organizationId, t.eventId),
    index('detection_outcomes_org_detection_idx').on(t.organizationId, t.detectionId, t.occurredAt),
    index('detection_outcomes_detection_idx').on(t.detectionId),
    orgIsolation('detection_outcomes'),
  ],
);

export type TDetectionOutcomeRow = typeof detectionOutcomes.$inferSelect;
