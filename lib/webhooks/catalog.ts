// What a merchant can subscribe to, and the delivery schedule: one module the
// API, the worker and the settings page (a client component) all read, so
// the page describes exactly what the server sends. No server imports here.

export const WEBHOOK_EVENT_TYPES = ['detection.created', 'detection.reviewed', 'detection.outcome', 'attack.started', 'attack.ended', 'list.changed'] as const;
export type TWebhookSubscribable = (typeof WEBHOOK_EVENT_TYPES)[number];
/** `test` is never subscribed to: POST /api/v1/webhooks/:id/test sends one to that endpoint. */
export type TWebhookEventType = TWebhookSubscribable | 'test';

/** One line each, shown beside the checkboxes. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<TWebhookSubscribable, string> = {
  'detection.created': 'A payment was scored (ALLOW, REVIEW or BLOCK); filter by decision below.',
  'detection.reviewed': 'An analyst approved or blocked a payment sent to review.',
  'detection.outcome': 'An outcome was recorded on a payment (declined, refunded, chargeback, fraud or legit confirmed…).',
  'attack.started': 'A card-testing incident opened (or resumed): the war room is on.',
  'attack.ended': 'A card-testing incident closed, with its summary.',
  'list.changed': 'An allow or block list entry was added or removed.',
};

export const WEBHOOK_DECISIONS = ['ALLOW', 'REVIEW', 'BLOCK'] as const;
export type TWebhookDecision = (typeof WEBHOOK_DECISIONS)[number];

/** Endpoints one organization may register (409 beyond). */
export const MAX_WEBHOOK_ENDPOINTS = 20;
/** Attempts per delivery: the first at once, then retries doubling from WEBHOOK_RETRY_BASE_MS. */
export const WEBHOOK_MAX_ATTEMPTS = 14;
/** No two attempts further apart than this. */
export const WEBHOOK_MAX_RETRY_DELAY_MS = 4 * 60 * 60 * 1000;
/** An attempt that has no complete answer by then counts as failed. */
export const WEBHOOK_ATTEMPT_TIMEOUT_MS = 10_000;
/** How long a rotated-out secret keeps signing beside the new one, by default. */
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60;
export const MAX_ROTATION_OVERLAP_SECONDS = 7 * 24 * 60 * 60;

/**
 * The wait after failed attempt `attempt` (1-based) before the next:
 * base, 2·base, 4·base … capped. With the default base (30 s) the 14 attempts
 * span about 20 hours.
 */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), WEBHOOK_MAX_RETRY_DELAY_MS);
}

/** Events, deliveries and attempts are kept this long (then removed unless still pending). */
export const WEBHOOK_LOG_DAYS = 30;
