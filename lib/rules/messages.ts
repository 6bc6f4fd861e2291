import type { TTransactionInput } from '@/lib/detections/schema';
import { processState } from '@/lib/process-state';
import { VELOCITY_ROW_CAP, type TFeatureKey, type TMetric, type TSetFeature } from './features';
import type { TRuleOperator } from './schema';

// Reason messages a person reads in the dashboard: the observed value, the
// subject and the window, then the comparison, e.g.
// "12 distinct cards from IP 203.0.113.7 in 10 min > 5".

// Counts are read over at most VELOCITY_ROW_CAP rows (+ the attempt itself):
// past that, every count is a lower bound and reads "N+" the same way
// ("200+ attempts", "176+ distinct cards"), never as an exact figure.
const count = (n: number, one: string, capped = false, many = `${one}s`) => {
  if (n > VELOCITY_ROW_CAP) return `${VELOCITY_ROW_CAP}+ ${many}`;
  return `${n.toLocaleString('en-US')}${capped ? '+' : ''} ${n === 1 && !capped ? one : many}`;
};

export function formatWindow(seconds: number): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return `${seconds / 86_400} d`;
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

// Building a NumberFormat costs far more than using one: keep one per currency.
const formats = processState('rules.currency-formats', () => new Map<string, { format: Intl.NumberFormat; digits: number } | null>());

function currencyFormat(currency: string) {
  if (!formats.has(currency)) {
    try {
      const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
      formats.set(currency, { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 });
    } catch {
      formats.set(currency, null);
    }
  }
  return formats.get(currency) ?? null;
}

/** Minor units in the currency's own decimals (JPY has none, EUR two). */
export function formatAmount(minor: number, currency: string): string {
  const f = currencyFormat(currency);
  return f ? f.format.format(minor / 10 ** f.digits) : `${minor} ${currency}`;
}

export const OPERATOR_SYMBOL: Record<TRuleOperator, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

const PREPOSITION: Record<TFeatureKey, string> = { ip: 'from', card: 'on', bin: 'on', email: 'from', device: 'from', customer: 'from' };

export function subjectOf(key: TFeatureKey, input: TTransactionInput): string {
  switch (key) {
    case 'ip':
      return `IP ${input.ip}`;
    case 'card':
      return input.card?.last4 ? `card •••• ${input.card.last4}` : `card ${input.card?.fingerprint}`;
    case 'bin':
      return `BIN ${input.card?.bin}`;
    case 'email':
      return `email ${input.email}`;
    case 'device':
      return `device ${input.deviceId}`;
    case 'customer':
      return `customer ${input.customerId}`;
  }
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

export type TVelocityObservation = {
  key: TFeatureKey;
  metric: TMetric;
  windowSeconds: number;
  observed: number;
  /** For a ratio: the counts behind it. */
  attempts?: number;
  declines?: number;
  /** Counted over the row cap only: a lower bound. */
  capped?: boolean;
};

/** "12 distinct cards from IP 203.0.113.7 in 10 min > 5" */
export function velocityMessage(o: TVelocityObservation, operator: TRuleOperator, threshold: number, input: TTransactionInput): string {
  const where = `${PREPOSITION[o.key]} ${subjectOf(o.key, input)} in ${formatWindow(o.windowSeconds)}`;
  const op = OPERATOR_SYMBOL[operator];
  switch (o.metric) {
    case 'attempts':
      return `${count(o.observed, 'attempt')} ${where} ${op} ${threshold}`;
    case 'distinct_cards':
      return `${count(o.observed, 'distinct card', o.capped)} ${where} ${op} ${threshold}`;
    case 'declines':
      return `${count(o.observed, 'decline', o.capped)} ${where} ${op} ${threshold}`;
    case 'decline_ratio':
      return `${percent(o.observed)} of attempts declined (${o.declines ?? '?'} of ${o.attempts ?? '?'}) ${where} ${op} ${percent(threshold)}`;
    case 'amount_sum':
      return `${formatAmount(o.observed, input.currency)}${o.capped ? '+' : ''} in total ${where} ${op} ${formatAmount(threshold, input.currency)}`;
  }
}

/** "Amount €0.50 < €1.00" */
export function amountMessage(operator: TRuleOperator, threshold: number, input: TTransactionInput): string {
  return `Amount ${formatAmount(input.amount, input.currency)} ${OPERATOR_SYMBOL[operator]} ${formatAmount(threshold, input.currency)}`;
}

const SET_SUBJECT: Record<TSetFeature, string> = { currency: 'Currency', card_country: 'Card country', ip_country: 'IP country' };

/** "Card country FR not in US, GB" */
export function setMessage(feature: TSetFeature, observed: string, operator: 'in' | 'not_in', codes: readonly string[]): string {
  return `${SET_SUBJECT[feature]} ${observed} ${operator === 'in' ? 'in' : 'not in'} ${codes.join(', ')}`;
}

/** "Card country FR ≠ IP country US" */
export function mismatchMessage(cardCountry: string, ipCountry: string): string {
  return `Card country ${cardCountry} ${cardCountry === ipCountry ? '=' : '≠'} IP country ${ipCountry}`;
}

/** A comparison that could not be evaluated for this attempt, and why. */
export function unknownMessage(what: string, why: string): string {
  return `${what}: not evaluated (${why})`;
}
