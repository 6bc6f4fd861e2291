import type { TDetection } from '@/lib/detections/schema';

// What the detection tables share beyond the formats of lib/format (hooks/use-formats.ts):
// a card as people read it, and each decision's and risk's colour.

export function formatCard(card: TDetection['card']): string {
  if (!card || (!card.bin && !card.last4)) return '—';
  return `${card.bin ?? '••••••'} •••• ${card.last4 ?? '••••'}`;
}

export const DECISION_TONE = { ALLOW: 'allow', REVIEW: 'review', BLOCK: 'block' } as const;

export const RISK_COLOR: Record<TDetection['riskLevel'], string> = {
  low: 'var(--allow)',
  medium: 'var(--review)',
  high: 'var(--block)',
  critical: 'var(--block)',
};
