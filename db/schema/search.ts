import { bigint, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('detection_reason_codes_idx').on(t.organizationId, t.code, t.createdAt, t.seq), orgIsolation('detection_reason_codes')],
);
