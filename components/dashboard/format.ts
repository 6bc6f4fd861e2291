import type { TDetection } from '@/lib/detections/schema';

// Formatting for the browser's locale. Amounts arrive in minor units; the
// currency decides how many (JPY has none, EUR two, KWD three).

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatAmount(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      return `${amount} ${currency}`; // an unknown code: show the raw minor units
    }
    moneyFormats.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

// Made once: a formatter costs far more to create than to use, and under
// attack every cell of every new row is formatted (toLocaleString with
// options builds a new one on each call).
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const DAY_AND_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const NUMBER = new Intl.NumberFormat();
const COUNT = new Intl.NumberFormat('en-US');

/** A row's time: the clock for today's rows, the day too for older ones. */
export function formatTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay = date.getDate() === now.getDate() && date.getMonth() === now.getMonth() && date.getFullYear() === now.getFullYear();
  return sameDay ? TIME.format(date) : DAY_AND_TIME.format(date);
}

/** 14:05:12 in the viewer's locale. */
export const formatClock = (at: number | string | Date): string => TIME.format(new Date(at));

export const formatDateTime = (at: number | string | Date): string => DATE_TIME.format(new Date(at));

export function formatCard(card: TDetection['card']): string {
  if (!card || (!card.bin && !card.last4)) return '—';
  return `${card.bin ?? '••••••'} •••• ${card.last4 ?? '••••'}`;
}

export function formatNumber(value: number): string {
  return NUMBER.format(value);
}

/** Counts in the war room and its banner: always 1,234, whatever the locale (they are read at a glance and in screenshots). */
export const formatCount = (value: number): string => COUNT.format(value);

export function reasonsTooltip(detection: TDetection): string {
  if (detection.reasons.length === 0) return 'No risk signals';
  return detection.reasons.map((r) => `• ${r.message}`).join('\n');
}

export const DECISION_TONE = { ALLOW: 'allow', REVIEW: 'review', BLOCK: 'block' } as const;

export const RISK_COLOR: Record<TDetection['riskLevel'], string> = {
  low: 'var(--allow)',
  medium: 'var(--review)',
  high: 'var(--block)',
  critical: 'var(--block)',
};
