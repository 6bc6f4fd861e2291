import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgIsolation } from './shared';

/** Where an organization's alerts go (lib/alerts): a Slack incoming webhook or an e-mail address; migration 0013. */
export const alertChannels = pgTable(
  'alert_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    /** slack | email */
    type: text('type').notNull(),
    /** The Slack incoming-webhook URL (a secret) or the e-mail address. */
    target: text('target').notNull(),
    /** attack.started | attack.ended | review.backlog */
    events: text('events').array().notNull(),
    /** en | fr: the language its alerts are written in (migration 0018). */
    locale: text('locale').notNull().default('en'),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('alert_channels_org_target_idx').on(t.organizationId, t.type, t.target), orgIsolation('alert_channels')],
);

/**
 * One alert to one channel. The unique (channel, event, subject) index makes
 * it exactly-once: the row is inserted before sending, and only the inserter sends.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: text('organization_id').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => alertChannels.id, { onDelete: 'cascade' }),
    /** attack.started | attack.ended | review.backlog | test */
    event: text('event').notNull(),
    /** The incident's id, the minute a backlog alert was decided, or a fresh id for a test. */
    subject: text('subject').notNull(),
    /** sending | sent | failed */
    status: text('status').notNull().default('sending'),
    attempts: integer('attempts').notNull().default(0),
    httpStatus: integer('http_status'),
    error: text('error'),
    response: text('response'),
    durationMs: integer('duration_ms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alerts_channel_event_subject_idx').on(t.channelId, t.event, t.subject),
    index('alerts_org_channel_created_idx').on(t.organizationId, t.channelId, t.createdAt),
    orgIsolation('alerts'),
  ],
);

export type TAlertChannelRow = typeof alertChannels.$inferSelect;
export type TAlertRow = typeof alerts.$inferSelect;
