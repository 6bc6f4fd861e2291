import { z } from 'zod';
import { throwIfUnsafeText } from '@/lib/card-number';
import { AppError, validationError } from '@/lib/errors';
import {
  DEFAULT_ROTATION_OVERLAP_SECONDS,
  MAX_ROTATION_OVERLAP_SECONDS,
  WEBHOOK_DECISIONS,
  WEBHOOK_EVENT_TYPES,
  type TWebhookDecision,
  type TWebhookSubscribable,
} from './catalog';

/** An endpoint as the API returns it: never its secret. */
export type TWebhookEndpoint = {
  id: string;
  url: string;
  events: TWebhookSubscribable[];
  decisions: TWebhookDecision[] | null;
  enabled: boolean;
  /** Until when the previous secret still signs beside the current one, after a rotation. */
  previousSecretExpiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

const known = new Set<string>(WEBHOOK_EVENT_TYPES);

const ZEvents = z
  .array(z.string({ error: 'Each event must be a string' }), { error: `Required: a list of event types (${WEBHOOK_EVENT_TYPES.join(', ')})` })
  .min(1, `Pick at least one event type (${WEBHOOK_EVENT_TYPES.join(', ')})`)
  .max(20, 'At most 20 event types')
  .superRefine((events, ctx) => {
    const unknown = [...new Set(events.filter((e) => !known.has(e)))];
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `Unknown event type${unknown.length > 1 ? 's' : ''} ${unknown.map((e) => JSON.stringify(e)).join(', ')}: use ${WEBHOOK_EVENT_TYPES.join(', ')}` });
    }
  })
  .transform((events) => [...new Set(events)] as TWebhookSubscribable[]);

const ZDecisions = z
  .array(z.enum(WEBHOOK_DECISIONS, { error: 'Each decision must be ALLOW, REVIEW or BLOCK' }), { error: 'Must be a list such as ["REVIEW","BLOCK"], or null for every decision' })
  .min(1, 'Must not be empty: leave it out (or null) to receive every decision')
  .transform((d) => [...new Set(d)])
  .nullable();

const ZUrl = z.string({ error: 'Required: the https URL Orylo posts to' }).trim().min(1, 'Required: the https URL Orylo posts to');

export const ZCreateWebhookSchema = z.strictObject({ url: ZUrl, events: ZEvents, decisions: ZDecisions.optional() });
export const ZUpdateWebhookSchema = z
  .strictObject({ url: ZUrl.optional(), events: ZEvents.optional(), decisions: ZDecisions.optional(), enabled: z.boolean({ error: 'Must be true or false' }).optional() })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one of url, events, decisions, enabled');
export const ZRotateSecretSchema = z.strictObject({
  overlapSeconds: z
    .number({ error: 'Must be a number of seconds' })
    .int('Must be a whole number of seconds')
    .min(0, 'Must be 0 (the old secret stops at once) or more')
    .max(MAX_ROTATION_OVERLAP_SECONDS, `At most ${MAX_ROTATION_OVERLAP_SECONDS} (7 days)`)
    .default(DEFAULT_ROTATION_OVERLAP_SECONDS),
});

export type TCreateWebhook = z.infer<typeof ZCreateWebhookSchema>;
export type TUpdateWebhook = z.infer<typeof ZUpdateWebhookSchema>;
export type TRotateSecret = z.infer<typeof ZRotateSecretSchema>;

function parseWith<T>(schema: z.ZodType<T>, body: unknown): T {
  // SECURITY: a card number or a NUL byte anywhere (the URL's query string, say) is refused before anything is stored.
  throwIfUnsafeText(body, 'A webhook URL never needs one: remove it.');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export const parseCreateWebhook = (body: unknown) => parseWith(ZCreateWebhookSchema, body);
export const parseUpdateWebhook = (body: unknown) => parseWith(ZUpdateWebhookSchema, body);
/** An empty body rotates with the default overlap. */
export const parseRotateSecret = (body: unknown) => parseWith(ZRotateSecretSchema, body ?? {});

/** `decisions` filters detection.created only: alongside other events alone it would be a silent no-op. */
export function throwIfDecisionsWithoutCreated(events: readonly string[], decisions: readonly string[] | null | undefined): void {
  if (decisions && !events.includes('detection.created')) {
    throw new AppError('validation_error', 'decisions: filters detection.created only; add detection.created to events, or leave decisions out', { field: 'decisions' });
  }
}

export const ZDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number({ error: 'Must be a number' }).int().min(1, 'At least 1').max(200, 'At most 200').default(50),
  cursor: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z_[0-9a-f-]{36}$/, 'Not a cursor from this endpoint: pass back nextCursor as it came')
    .optional(),
});
export type TDeliveriesQuery = z.infer<typeof ZDeliveriesQuerySchema>;
