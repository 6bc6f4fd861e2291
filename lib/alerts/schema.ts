import { z } from 'zod';
import { throwIfUnsafeText } from '@/lib/card-number';
import { validationError } from '@/lib/errors';
import { LOCALES, type TLocale } from '@/lib/format';

// What crosses the wire for alerts (README, "Alerts"): channels, the alerts
// they were sent, and the org's backlog setting. One definition, read by the
// routes and the settings page.

export const ALERT_EVENTS = ['attack.started', 'attack.ended', 'review.backlog'] as const;
export type TAlertEvent = (typeof ALERT_EVENTS)[number];
/** What an alert row can be about: an event, or the test button. */
export type TAlertKind = TAlertEvent | 'test';

export const ALERT_CHANNEL_TYPES = ['slack', 'email'] as const;
export type TAlertChannelType = (typeof ALERT_CHANNEL_TYPES)[number];

/** Channels per organization: a handful covers every team; the cap bounds what one incident sends. */
export const MAX_ALERT_CHANNELS_PER_ORG = 20;
/** Recent alerts listed per channel. */
export const RECENT_ALERTS_PER_CHANNEL = 10;

const ZEventsField = z
  .array(z.enum(ALERT_EVENTS, { error: `Each event must be one of ${ALERT_EVENTS.map((e) => `"${e}"`).join(', ')}` }), {
    error: `Required: a list of events among ${ALERT_EVENTS.join(', ')}`,
  })
  .min(1, 'Pick at least one event')
  .max(ALERT_EVENTS.length, 'Each event at most once')
  .refine((events) => new Set(events).size === events.length, 'Each event at most once');

const ZLocaleField = z.enum(LOCALES, { error: `Must be one of ${LOCALES.map((l) => `"${l}"`).join(', ')}` });

export const ZCreateAlertChannelSchema = z.strictObject({
  type: z.enum(ALERT_CHANNEL_TYPES, { error: 'Must be "slack" (an incoming-webhook URL) or "email" (one address)' }),
  target: z
    .string({ error: 'Required: the Slack incoming-webhook URL, or the e-mail address' })
    .trim()
    .min(1, 'Must not be empty')
    .max(2048, 'At most 2048 characters'),
  events: ZEventsField,
  /** The alerts' language; left out, the language of the person adding the channel (lib/format localeOfRequest). */
  locale: ZLocaleField.optional(),
});

/**
 * What a channel's PATCH may change: its events and its language. The type and
 * the target are what the channel is (a Slack URL is a secret shown once): a
 * new target is a new channel.
 */
export const ZUpdateAlertChannelSchema = z
  .strictObject({ events: ZEventsField.optional(), locale: ZLocaleField.optional() })
  .refine((b) => b.events !== undefined || b.locale !== undefined, { error: 'Nothing to change: give "events", "locale" or both' });

export type TUpdateAlertChannel = z.infer<typeof ZUpdateAlertChannelSchema>;

export type TCreateAlertChannel = z.infer<typeof ZCreateAlertChannelSchema>;

/** A channel from a request body: card numbers and NUL bytes refused anywhere first, as everywhere. */
export function parseCreateAlertChannel(body: unknown): TCreateAlertChannel {
  throwIfUnsafeText(body, 'An alert target never holds a card number.');
  const parsed = ZCreateAlertChannelSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** A channel's change from a request body, checked the same way. */
export function parseUpdateAlertChannel(body: unknown): TUpdateAlertChannel {
  throwIfUnsafeText(body, 'An alert channel never holds a card number.');
  const parsed = ZUpdateAlertChannelSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const ZEmailSchema = z.email({ error: 'Must be one e-mail address, such as fraud-team@shop.example' }).max(254, 'At most 254 characters');

/** One e-mail address, lower-cased; a list ("a@x, b@y") or a display name is refused: one channel per address. */
export function parseEmailTarget(raw: string): string {
  const parsed = ZEmailSchema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'target');
  return parsed.data.toLowerCase();
}

export const ZAlertSettingsSchema = z.strictObject({
  reviewBacklogMinutes: z
    .number({ error: 'Required: minutes, a whole number from 1 to 10080 (a week)' })
    .int('Must be a whole number of minutes')
    .min(1, 'At least 1 minute')
    .max(10_080, 'At most 10080 minutes (a week)'),
});
export type TAlertSettings = z.infer<typeof ZAlertSettingsSchema>;
export const DEFAULT_REVIEW_BACKLOG_MINUTES = 30;

/** One alert sent (or being sent) to a channel, as the API lists it. */
export type TAlertRecord = {
  id: string;
  channelId: string;
  event: TAlertKind;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  /** The target's HTTP status (Slack); null for e-mail or when no answer came. */
  httpStatus: number | null;
  error: string | null;
  /** The first bytes of the target's answer (Slack says "ok"), or what the mail server did. */
  response: string | null;
  durationMs: number | null;
  createdAt: string;
  finishedAt: string | null;
};

/** A channel as the API returns it. A Slack URL is a secret: only its creation shows it whole. */
export type TAlertChannel = {
  id: string;
  type: TAlertChannelType;
  target: string;
  events: TAlertEvent[];
  /** The language its alerts are written in. */
  locale: TLocale;
  createdBy: string | null;
  createdAt: string;
};

export type TAlertChannelWithAlerts = TAlertChannel & { recentAlerts: TAlertRecord[] };
