import { and, eq, sql } from 'drizzle-orm';
import { alerts, type TAlertChannelRow, type TAlertRow } from '@/db/schema';
import { withOrgTransaction } from '@/lib/db';
import { sendEmail } from '@/lib/email';
import { env } from '@/lib/env';
import type { TLocale } from '@/lib/format';
import { logger } from '@/lib/logger';
import { postJson } from '@/lib/outbound/post';
import type { TMessage } from './messages';

// Sending one alert to one channel and recording what the target answered.
// The alert's row already exists (the caller inserted it: that insert is the
// exactly-once claim); this fills it in after each attempt.

/** One attempt's deadline: Slack answers in well under a second; a hung endpoint must not hold us. */
export const ALERT_TIMEOUT_MS = 10_000;
/**
 * An event alert is tried at once, then again after each of these waits
 * (3 attempts over about 12 s, plus timeouts), in the process that claimed it,
 * when the failure cannot have posted it (TAttemptResult.retryable).
 * Bounded on purpose: an alert is worth most in its first minute. A process
 * that stops meanwhile leaves the row "sending" (README, "Alerts").
 */
export const ALERT_RETRY_DELAYS_MS = [2_000, 10_000] as const;

export type TAttemptResult = {
  ok: boolean;
  /**
   * Whether trying again cannot post the message twice: the target said so
   * (HTTP 429 or 5xx: Slack posted nothing; an SMTP 4xx) or was never
   * reached (refused, unknown host). A timeout or a connection cut after the
   * request went out may have posted it: not retried, since a second copy
   * is worse than a recorded failure.
   */
  retryable: boolean;
  httpStatus: number | null;
  error: string | null;
  response: string | null;
  durationMs: number;
};

const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** One attempt to deliver `message` to `channel`. Never throws. */
export async function attemptDelivery(channel: Pick<TAlertChannelRow, 'type' | 'target'>, message: TMessage): Promise<TAttemptResult> {
  if (channel.type === 'slack') {
    // SECURITY: the target passed parseTargetUrl when saved; postJson checks every address again at connection (DNS rebinding).
    const result = await postJson(new URL(channel.target), JSON.stringify(message.slack), { 'user-agent': 'Orylo-Alerts/1' }, { timeoutMs: ALERT_TIMEOUT_MS });
    const retryable = !result.ok && (result.status !== null ? result.status === 429 || result.status >= 500 : UNREACHED.has(result.error ?? ''));
    return { ok: result.ok, retryable, httpStatus: result.status, error: result.error, response: result.responseSnippet.slice(0, 500) || null, durationMs: result.durationMs };
  }
  const started = performance.now();
  try {
    await sendEmail({ to: channel.target, subject: message.subject, text: message.text });
    const response = env().SMTP_URL ? 'accepted by the SMTP server' : 'written to the server log (SMTP_URL is not set)';
    return { ok: true, retryable: false, httpStatus: null, error: null, response, durationMs: Math.round(performance.now() - started) };
  } catch (err) {
    const e = err as { code?: string; responseCode?: number; message?: string };
    const error = [e.code, e.responseCode, e.message].filter(Boolean).join(' ').slice(0, 500) || 'e-mail failed';
    // nodemailer: ECONNECTION (never reached the server) or a temporary 4xx refusal; anything else (a bad address) will not change.
    const retryable = e.code === 'ECONNECTION' || (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 500);
    return { ok: false, retryable, httpStatus: null, error, response: null, durationMs: Math.round(performance.now() - started) };
  }
}

/** Writes an attempt's result on the alert's row (its own short transaction). */
export async function recordAttempt(options: { orgId: string; alertId: string; result: TAttemptResult; final: boolean }): Promise<void> {
  const { orgId, alertId, result, final } = options;
  await withOrgTransaction(orgId, (db) =>
    db
      .update(alerts)
      .set({
        status: result.ok ? 'sent' : final ? 'failed' : 'sending',
        attempts: sql`${alerts.attempts} + 1`,
        httpStatus: result.httpStatus,
        error: result.error,
        response: result.response,
        durationMs: result.durationMs,
        finishedAt: result.ok || final ? sql`now()` : null,
      })
      .where(and(eq(alerts.organizationId, orgId), eq(alerts.id, alertId))),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Delivers a claimed alert: each attempt recorded, retried after the
 * ALERT_RETRY_DELAYS_MS waits on failure. Never throws (failures are on the row and in the log).
 */
export async function deliverClaimedAlert(options: { orgId: string; alertId: string; channel: TAlertChannelRow; message: TMessage }): Promise<void> {
  const { orgId, alertId, channel, message } = options;
  const delays = [0, ...ALERT_RETRY_DELAYS_MS];
  for (let i = 0; i < delays.length; i++) {
    if (delays[i]) await sleep(delays[i]);
    const result = await attemptDelivery(channel, message);
    const final = result.ok || !result.retryable || i === delays.length - 1;
    try {
      await recordAttempt({ orgId, alertId, result, final });
    } catch (err) {
      logger().warn({ err, orgId, alertId }, 'alert: could not record an attempt');
    }
    if (result.ok) return;
    logger().warn({ orgId, alertId, channelId: channel.id, event: message.kind, attempt: i + 1, error: result.error, status: result.httpStatus }, 'alert attempt failed');
    if (final) return;
  }
}

/**
 * Delivers every alert one claim made, each to its channel in the channel's
 * language: `message` writes the alert in a language, once per language used.
 */
export async function deliverClaimedAlerts(options: { orgId: string; rows: TAlertRow[]; channels: TAlertChannelRow[]; message: (locale: TLocale) => TMessage }): Promise<void> {
  const { orgId, rows, channels } = options;
  const byId = new Map(channels.map((c) => [c.id, c]));
  const written = new Map<TLocale, TMessage>();
  const messageIn = (locale: TLocale) => written.get(locale) ?? written.set(locale, options.message(locale)).get(locale)!;
  await Promise.all(
    rows.map((row) => {
      const channel = byId.get(row.channelId)!;
      return deliverClaimedAlert({ orgId, alertId: row.id, channel, message: messageIn(channel.locale as TLocale) });
    }),
  );
}
