import type { TRuleSpec } from './schema';

export type TDefaultRule = Omit<TRuleSpec, 'id'>;

const MIN = 60;
const HOUR = 3600;

// Seeded once per organization (seed.ts), then the org's own to edit. Drawn
// from published figures; the key stays when a default is edited, so an edited
// default is still recognised as one. Each count includes the attempt scored.
export const DEFAULT_RULES: readonly TDefaultRule[] = [
  // Adyen's velocity guidance: more than 5 attempts from one IP in 30 minutes.
  { key: 'ip_attempts_30m', name: 'Many attempts from one IP', feature: 'ip.attempts', windowSeconds: 30 * MIN, operator: '>', threshold: 5, action: 'REVIEW', scoreDelta: 0, mode: 'active' },
  // Adyen counts on the first 12 digits of the card; the fingerprint identifies the card better.
  { key: 'card_attempts_6h', name: 'Many attempts on one card', feature: 'card.attempts', windowSeconds: 6 * HOUR, operator: '>', threshold: 6, action: 'REVIEW', scoreDelta: 0, mode: 'active' },
  // Stripe Radar counts distinct cards per IP per hour: the signature of card testing.
  { key: 'ip_distinct_cards_1h', name: 'Many cards from one IP in an hour', feature: 'ip.distinct_cards', windowSeconds: HOUR, operator: '>', threshold: 5, action: 'BLOCK', scoreDelta: 0, mode: 'active' },
  { key: 'ip_distinct_cards_10m', name: 'Several cards from one IP in minutes', feature: 'ip.distinct_cards', windowSeconds: 10 * MIN, operator: '>', threshold: 3, action: 'SCORE', scoreDelta: 30, mode: 'active' },
  { key: 'card_declines_24h', name: 'Repeated declines on one card', feature: 'card.declines', windowSeconds: 24 * HOUR, operator: '>', threshold: 3, action: 'BLOCK', scoreDelta: 0, mode: 'active' },
  { key: 'bin_attempts_10m', name: 'Burst of attempts on one BIN', feature: 'bin.attempts', windowSeconds: 10 * MIN, operator: '>', threshold: 30, action: 'SCORE', scoreDelta: 25, mode: 'active' },
  // Evaluated only from MIN_RATIO_ATTEMPTS (4) attempts in the window.
  { key: 'ip_decline_ratio_30m', name: 'Mostly declines from one IP', feature: 'ip.decline_ratio', windowSeconds: 30 * MIN, operator: '>', threshold: 0.5, action: 'SCORE', scoreDelta: 30, mode: 'active' },
  { key: 'email_attempts_1h', name: 'Many attempts from one email', feature: 'email.attempts', windowSeconds: HOUR, operator: '>', threshold: 10, action: 'REVIEW', scoreDelta: 0, mode: 'active' },
  // Minor units: below 1.00 in the currency, the micro amounts card testers probe with.
  { key: 'micro_amount', name: 'Micro amount', feature: 'amount', windowSeconds: 0, operator: '<', threshold: 100, action: 'SCORE', scoreDelta: 10, mode: 'active' },
  { key: 'high_amount', name: 'High amount', feature: 'amount', windowSeconds: 0, operator: '>', threshold: 500_000, action: 'SCORE', scoreDelta: 30, mode: 'active' },
];

