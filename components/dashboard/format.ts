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

export function formatTime(iso: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatCard(card: TDetection['card']): string {
  if (!card || (!card.bin && !card.last4)) return '—';
  return `${card.bin ?? '••••••'} •••• ${card.last4 ?? '••••'}`;
}

export function formatNumber(value: number): string {
  return value.toLocaleString();
}

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
