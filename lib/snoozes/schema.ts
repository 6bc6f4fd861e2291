import { z } from 'zod';

// Snoozing one rule for one entity, as the API and the detection view see it.
// No database imports: the browser imports these types and schemas too.

export const SNOOZE_ENTITY_TYPES = ['email', 'card_fingerprint', 'customer_id', 'device_id'] as const;
export type TSnoozeEntityType = (typeof SNOOZE_ENTITY_TYPES)[number];

export const SNOOZE_ENTITY_LABEL: Record<TSnoozeEntityType, string> = {
  email: 'email',
  card_fingerprint: 'card fingerprint',
  customer_id: 'customer',
  device_id: 'device',
};

export const SNOOZE_DURATIONS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type TSnoozeDuration = keyof typeof SNOOZE_DURATIONS;
export const SNOOZE_DURATION_LABEL: Record<TSnoozeDuration, string> = { '1h': '1 h', '24h': '24 h', '7d': '7 days', '30d': '30 days' };

/** The longest snooze: past it the rule is wrong for everyone and wants editing, not snoozing. */
export const MAX_SNOOZE_MS = SNOOZE_DURATIONS['30d'];
// A form filled in at "30 days from now" reaches the server a little later: that much slack.
const CLOCK_SLACK_MS = 60_000;
export const SNOOZE_REASON_MAX = 500;

export type TSnooze = {
  id: string;
  ruleId: string;
  ruleKey: string;
  ruleName: string;
  entityType: TSnoozeEntityType;
  entityValue: string;
  reason: string;
  expiresAt: string;
  createdBy: string | null;
  createdAt: string;
  /** Set when someone ended it before it expired. */
  endedAt: string | null;
};

/** The form ingest matches a value in (README, "Sending transactions": emails lowercased, ids trimmed). */
export function normalizeSnoozeValue(type: TSnoozeEntityType, value: string): string {
  const v = value.trim();
  return type === 'email' ? v.toLowerCase() : v;
}

const email = z.email();

export const ZCreateSnoozeSchema = z
  .strictObject({
    entityType: z.enum(SNOOZE_ENTITY_TYPES, { error: `Must be one of ${SNOOZE_ENTITY_TYPES.join(', ')}` }),
    entityValue: z
      .string({ error: 'Required: the email, card fingerprint, customer id or device id the rule stops deciding for' })
      .trim()
      .min(1, 'Must not be empty')
      .max(254, 'At most 254 characters'),
    duration: z.enum(Object.keys(SNOOZE_DURATIONS) as [TSnoozeDuration, ...TSnoozeDuration[]], { error: 'Must be one of 1h, 24h, 7d, 30d' }).optional(),
    expiresAt: z.iso
      .datetime({ offset: true, error: 'Must be an ISO 8601 date and time such as "2030-01-31T12:00:00Z"' })
      .refine((s) => Date.parse(s) > Date.now(), 'Must be in the future')
      .refine((s) => Date.parse(s) <= Date.now() + MAX_SNOOZE_MS + CLOCK_SLACK_MS, 'At most 30 days ahead: a rule wrong for longer wants editing')
      .optional(),
    reason: z
      .string({ error: 'Required: why this rule should not decide for this customer (the audit trail keeps it)' })
      .trim()
      .min(1, 'Required: why this rule should not decide for this customer (the audit trail keeps it)')
      .max(SNOOZE_REASON_MAX, `At most ${SNOOZE_REASON_MAX} characters`),
  })
  .superRefine((s, ctx) => {
    if (s.duration && s.expiresAt) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'Give either duration or expiresAt, not both' });
    if (!s.duration && !s.expiresAt) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'Required: 1h, 24h, 7d or 30d (or an expiresAt at most 30 days ahead)' });
    if (s.entityType === 'email' && !email.safeParse(s.entityValue).success) {
      ctx.addIssue({ code: 'custom', path: ['entityValue'], message: 'Must be an email address, for example buyer@example.com' });
    } else if (s.entityType !== 'email' && s.entityValue.length > 128) {
      ctx.addIssue({ code: 'custom', path: ['entityValue'], message: 'At most 128 characters' });
    }
  });
export type TCreateSnoozeBody = z.input<typeof ZCreateSnoozeSchema>;

/** What createSnooze stores: the expiry resolved against `now`. */
export type TCreateSnooze = { entityType: TSnoozeEntityType; entityValue: string; reason: string; expiresAt: Date };

export function resolveSnooze(body: z.output<typeof ZCreateSnoozeSchema>, now = Date.now()): TCreateSnooze {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : new Date(now + SNOOZE_DURATIONS[body.duration!]);
  return { entityType: body.entityType, entityValue: normalizeSnoozeValue(body.entityType, body.entityValue), reason: body.reason, expiresAt };
}

export const ZSnoozeQuerySchema = z
  .strictObject({
    ruleId: z.uuid('Must be a rule id').optional(),
    entityType: z.enum(SNOOZE_ENTITY_TYPES, { error: `Must be one of ${SNOOZE_ENTITY_TYPES.join(', ')}` }).optional(),
    entityValue: z.string().trim().min(1, 'Must not be empty').max(254, 'At most 254 characters').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.entityValue !== undefined && !q.entityType) ctx.addIssue({ code: 'custom', path: ['entityType'], message: 'Required with entityValue' });
  })
  .transform((q) => ({ ...q, entityValue: q.entityValue && q.entityType ? normalizeSnoozeValue(q.entityType, q.entityValue) : q.entityValue }));
export type TSnoozeQuery = z.output<typeof ZSnoozeQuerySchema>;
