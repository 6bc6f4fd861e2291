import type { TDecision, TReason, TRiskLevel, TTransactionInput } from '@/lib/detections/schema';
import type { TVelocitySignals } from './signals';

// The first scoring step: additive points from velocity and amount signals.
// A later issue grows this into a stored, per-org rule engine; keep it pure
// (input + signals → result) so that it stays testable without a database.

export type TScoreResult = { score: number; riskLevel: TRiskLevel; decision: TDecision; reasons: TReason[] };

export const THRESHOLDS = { review: 50, block: 80 } as const;

type Rule = (input: TTransactionInput, s: TVelocitySignals) => { code: string; points: number; message: string } | null;

const formatAmount = (minor: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${minor} ${currency}`;
  }
};

// Counts include the attempt being scored, so a message reads as a person would count.
const RULES: Rule[] = [
  (i, s) => {
    const n = s.ipDistinctCards1h + (i.card ? 1 : 0);
    if (!i.ip || n < 3) return null;
    return { code: 'ip_distinct_cards', points: n >= 6 ? 50 : 30, message: `${n} distinct cards from IP ${i.ip} in the last hour (threshold 3)` };
  },
  (i, s) => {
    const n = s.ipAttempts10m + 1;
    if (!i.ip || n < 5) return null;
    return { code: 'ip_velocity', points: n >= 15 ? 40 : 25, message: `${n} attempts from IP ${i.ip} in the last 10 minutes (threshold 5)` };
  },
  (i, s) => {
    const n = s.cardDeclines24h + (i.authStatus === 'declined' ? 1 : 0);
    if (!i.card || n < 2) return null;
    return { code: 'card_declines', points: n >= 4 ? 40 : 25, message: `${n} declines on card •••• ${i.card.last4} in the last 24 hours (threshold 2)` };
  },
  (i, s) => {
    const n = s.binAttempts10m + 1;
    if (!i.card || n < 10) return null;
    return { code: 'bin_velocity', points: 20, message: `${n} attempts on BIN ${i.card.bin} in the last 10 minutes (threshold 10)` };
  },
  (i) => {
    if (i.amount < 100_000) return null;
    const big = i.amount >= 500_000;
    return { code: 'high_amount', points: big ? 30 : 15, message: `High amount ${formatAmount(i.amount, i.currency)} (threshold ${formatAmount(big ? 500_000 : 100_000, i.currency)})` };
  },
  (i) => {
    if (i.amount > 100) return null;
    return { code: 'micro_amount', points: 10, message: `Very small amount ${formatAmount(i.amount, i.currency)}, typical of card testing (threshold ${formatAmount(100, i.currency)})` };
  },
  (i) => {
    if (i.authStatus !== 'declined') return null;
    return { code: 'declined', points: 10, message: `Declined by the issuer${i.declineCode ? ` (${i.declineCode})` : ''}` };
  },
];

export function riskLevelFor(score: number): TRiskLevel {
  if (score >= THRESHOLDS.block) return 'critical';
  if (score >= THRESHOLDS.review) return 'high';
  if (score >= 25) return 'medium';
  return 'low';
}

export function decisionFor(score: number): TDecision {
  if (score >= THRESHOLDS.block) return 'BLOCK';
  if (score >= THRESHOLDS.review) return 'REVIEW';
  return 'ALLOW';
}

export function scoreTransaction(input: TTransactionInput, signals: TVelocitySignals): TScoreResult {
  const fired = RULES.map((rule) => rule(input, signals)).filter((r) => r !== null);
  fired.sort((a, b) => b.points - a.points);
  const score = Math.min(100, fired.reduce((sum, r) => sum + r.points, 0));
  return {
    score,
    riskLevel: riskLevelFor(score),
    decision: decisionFor(score),
    reasons: fired.map(({ code, message }) => ({ code, message })),
  };
}
