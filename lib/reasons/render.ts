import { formats, type TFormats } from '@/lib/format';
import type { TReason } from '@/lib/detections/schema';
import { isGroupText, type TComparisonText, type TConditionText, type TReasonText } from './text';

// A reason in the reader's language, from its code and values (lib/reasons/
// text.ts) and the `reasons` catalog. English gives back, word for word, the
// message stored with the reason (lib/reasons/render.test.ts holds them
// together). Reasons stored before they carried their values are said again
// from what they hold where that is enough (the score thresholds, the lists),
// else shown as stored.

/** A translator over the `reasons` namespace: next-intl's useTranslations('reasons') or createTranslator(…, 'reasons'). */
export type TReasonTranslator = (key: string, values?: Record<string, string | number | boolean>) => string;

/** Counts above this are read as "200+": scoring reads at most this many rows per key (lib/rules/features.ts). */
const ROW_CAP = 200;

const OPERATOR: Record<string, string> = { '>': '>', '>=': '≥', '<': '<', '<=': '≤' };

function windowText(seconds: number, t: TReasonTranslator): string {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return t('window', { unit: 'd', n: seconds / 86_400 });
  if (seconds % 3600 === 0) return t('window', { unit: 'h', n: seconds / 3600 });
  if (seconds % 60 === 0) return t('window', { unit: 'min', n: seconds / 60 });
  return t('window', { unit: 's', n: seconds });
}

function countText(metric: string, n: number, capped: boolean, t: TReasonTranslator): string {
  const over = n > ROW_CAP;
  return t(`count.${metric}`, { count: over ? ROW_CAP : n, capped: over || capped });
}

function comparisonText(c: TComparisonText, t: TReasonTranslator, f: TFormats): string {
  if (c.unknown) {
    const why = c.unknown.why === 'no_value' ? t('why.no_value', { what: c.unknown.what }) : c.unknown.why === 'too_few_attempts' ? t('why.too_few_attempts', { min: c.unknown.min }) : t(`why.${c.unknown.why}`);
    return t('unknown', { feature: c.feature, why });
  }
  const op = OPERATOR[c.operator] ?? c.operator;
  const money = (minor: number) => f.money(minor, c.currency ?? 'EUR');
  if (c.feature === 'amount') return t('amount', { amount: money(c.observed as number), op, threshold: money(c.threshold as number) });
  if (c.feature === 'country_mismatch') return t('mismatch', { card: c.cardCountry ?? '?', ip: c.ipCountry ?? '?', same: c.cardCountry === c.ipCountry });
  if (Array.isArray(c.threshold)) return t('set', { feature: c.feature, value: String(c.observed), operator: c.operator, codes: c.threshold.join(', ') });
  const [key, metric] = c.feature.split('.');
  const where = t('where', { key, value: c.subject ?? '?', window: windowText(c.windowSeconds ?? 0, t) });
  const threshold = c.threshold as number;
  const observed = c.observed as number;
  switch (metric) {
    case 'decline_ratio':
      return t('ratio', { ratio: f.percent(observed), declines: c.declines ?? '?', attempts: c.attempts ?? '?', where, op, threshold: f.percent(threshold) });
    case 'amount_sum':
      return t('sum', { amount: money(observed), plus: c.capped ? '+' : '', where, op, threshold: money(threshold) });
    default:
      return t('velocity', { count: countText(metric, observed, metric !== 'attempts' && !!c.capped, t), where, op, threshold });
  }
}

function conditionText(c: TConditionText, t: TReasonTranslator, f: TFormats, nested = false): string {
  if (!isGroupText(c)) return comparisonText(c, t, f);
  const parts = c.parts.map((p) => (isGroupText(p) ? conditionText(p, t, f, true) : `${comparisonText(p, t, f)} ${p.held ? '✓' : '✗'}`));
  const text = t('group', { kind: c.group, parts: parts.join('; ') });
  return nested ? `(${text})` : text;
}

function fromText(text: TReasonText, t: TReasonTranslator, f: TFormats): string {
  switch (text.kind) {
    case 'rule': {
      const effect = text.action === 'SCORE' ? t('points', { points: `${(text.points ?? 0) > 0 ? '+' : ''}${text.points ?? 0}` }) : t('decision', { decision: text.action });
      const rule = t('rule', { condition: conditionText(text.condition, t, f), effect });
      return text.snooze ? `${rule} ${t('snoozed', { entity: text.snooze.entityType, value: text.snooze.entityValue, until: text.snooze.until, reason: text.snooze.reason })}` : rule;
    }
    case 'list': {
      const subject = text.type === 'card_fingerprint' && text.last4 ? t('listCard', { last4: text.last4, value: text.value }) : t('listSubject', { type: text.type, value: text.value });
      const decision = t('decision', { decision: text.action === 'block' ? 'BLOCK' : 'ALLOW' });
      return text.note ? t('listNote', { subject, action: text.action, note: text.note, decision }) : t('list', { subject, action: text.action, decision });
    }
    case 'threshold':
      return t(text.temporary ? 'thresholdTemporary' : 'threshold', { score: text.score, decision: text.decision, outcome: t('decision', { decision: text.decision }), review: text.review, block: text.block });
    case 'shadow_summary':
    case 'snooze_summary': {
      const same = text.would.decision === text.actual.decision && text.would.score === text.actual.score;
      return t(`${text.kind === 'shadow_summary' ? 'shadow' : 'unsnoozed'}.${same ? 'same' : 'differs'}`, {
        decision: t('decision', { decision: text.would.decision }),
        score: text.would.score,
        actual: t('decision', { decision: text.actual.decision }),
        actualScore: text.actual.score,
      });
    }
  }
}

const LIST_MESSAGE = /^(IP|BIN|Email|Device|Customer|Card fingerprint) (\S+) is on the (block|allow) list(?: \((.*)\))? → (BLOCK|ALLOW)$/;
const LIST_TYPE: Record<string, string> = { IP: 'ip', BIN: 'card_bin', Email: 'email', Device: 'device_id', Customer: 'customer_id', 'Card fingerprint': 'card_fingerprint' };

// A rule's reason stored before reasons carried their values is read back
// from its English message, for the shapes one comparison makes (counts,
// decline ratios, amounts and totals) as lib/rules/messages.ts wrote them; a
// compound rule's or a snoozed rule's is shown as stored.
const KEY: Record<string, string> = { IP: 'ip', card: 'card', BIN: 'bin', email: 'email', device: 'device', customer: 'customer' };
const METRIC: Record<string, string> = { attempt: 'attempts', 'distinct card': 'distinct_cards', decline: 'declines' };
const OPERATOR_CODE: Record<string, string> = { '>': '>', '≥': '>=', '<': '<', '≤': '<=' };
const UNIT_SECONDS: Record<string, number> = { s: 1, min: 60, h: 3600, d: 86_400 };
const WHERE = String.raw`(?:from|on) (IP|card|BIN|email|device|customer) (.+) in (\d+) (s|min|h|d) (>|≥|<|≤)`;
const EFFECT = /^(.*) → (?:(BLOCK|REVIEW|ALLOW)|([+-]?\d+) points)$/s;
const VELOCITY = new RegExp(String.raw`^(\d{1,3}(?:,\d{3})*)(\+)? (attempt|distinct card|decline)s? ${WHERE} (\d+)$`);
const RATIO = new RegExp(String.raw`^(\d+(?:\.\d+)?)% of attempts declined \((\d+|\?) of (\d+|\?)\) ${WHERE} (\d+(?:\.\d+)?)%$`);
const SUM = new RegExp(String.raw`^(.+?)(\+)? in total ${WHERE} (.+)$`);
const AMOUNT = /^Amount (.+) (>|≥|<|≤) (.+)$/;

/** The currency whose English format of `minor` is `shown` ("€0.50" for 50 → EUR), or null. */
function currencyShown(minor: number, shown: string, f: TFormats): string | null {
  const likely = ['EUR', 'USD', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return [...likely, ...all].find((c) => f.money(minor, c) === shown) ?? null;
}

function fromOldRuleMessage(reason: TReason, english: TFormats): TReasonText | null {
  const effect = EFFECT.exec(reason.message);
  if (!effect || reason.comparisons || reason.message.includes(' (snoozed for ')) return null;
  const [, condition, decision, points] = effect;
  const action = decision ?? 'SCORE';
  const rule = (c: Omit<TComparisonText, 'held'>): TReasonText => ({ kind: 'rule', condition: { ...c, held: true }, action, ...(points ? { points: Number(points) } : {}) });
  const window = (n: string, unit: string) => Number(n) * UNIT_SECONDS[unit];
  let m = VELOCITY.exec(condition);
  if (m) {
    const [, count, plus, metric, key, subject, n, unit, op, threshold] = m;
    const observed = Number(count.replace(/,/g, ''));
    // "200+ attempts": more rows than scoring reads (200 is the cap, read back as over it).
    const over = plus && metric === 'attempt';
    return rule({ feature: `${KEY[key]}.${METRIC[metric]}`, windowSeconds: window(n, unit), operator: OPERATOR_CODE[op], threshold: Number(threshold), observed: over ? observed + 1 : observed, subject, ...(plus && !over ? { capped: true } : {}) });
  }
  m = RATIO.exec(condition);
  if (m) {
    const [, ratio, declines, attempts, key, subject, n, unit, op, threshold] = m;
    const count = (v: string) => (v === '?' ? undefined : Number(v));
    return rule({ feature: `${KEY[key]}.decline_ratio`, windowSeconds: window(n, unit), operator: OPERATOR_CODE[op], threshold: Number(threshold) / 100, observed: Number(ratio) / 100, subject, attempts: count(attempts), declines: count(declines) });
  }
  // Money: the stored minor units and the currency whose format the message shows.
  const observed = typeof reason.observed === 'number' ? reason.observed : null;
  const threshold = typeof reason.threshold === 'number' ? reason.threshold : null;
  if (observed === null || threshold === null) return null;
  m = SUM.exec(condition);
  if (m) {
    const [, shown, plus, key, subject, n, unit, op] = m;
    const currency = currencyShown(observed, shown, english);
    if (!currency) return null;
    return rule({ feature: `${KEY[key]}.amount_sum`, windowSeconds: window(n, unit), operator: OPERATOR_CODE[op], threshold, observed, subject, currency, ...(plus ? { capped: true } : {}) });
  }
  m = AMOUNT.exec(condition);
  if (m) {
    const currency = currencyShown(observed, m[1], english);
    if (!currency) return null;
    return rule({ feature: 'amount', operator: OPERATOR_CODE[m[2]], threshold, observed, currency });
  }
  return null;
}

/** A reason stored without its values: what can be said again from the rest of it. */
function fromWhatItHolds(reason: TReason, english: TFormats): TReasonText | null {
  if (reason.code === 'score_threshold' && typeof reason.observed === 'number' && typeof reason.threshold === 'number' && reason.action) {
    // It holds the threshold that applied (block for a BLOCK, review otherwise): the sentence names only that one.
    return { kind: 'threshold', score: reason.observed, decision: reason.action, review: reason.threshold, block: reason.threshold, temporary: false };
  }
  const list = (reason.code === 'list_block' || reason.code === 'list_allow') && LIST_MESSAGE.exec(reason.message);
  if (list) return { kind: 'list', type: LIST_TYPE[list[1]], value: list[2], action: list[3] as 'block' | 'allow', ...(list[4] ? { note: list[4] } : {}) };
  if (reason.ruleId || reason.action) return fromOldRuleMessage(reason, english);
  return null;
}

/** The reason's sentence in the translator's language. */
export function renderReason(reason: TReason, t: TReasonTranslator, f: TFormats): string {
  const text = reason.text ?? fromWhatItHolds(reason, formats('en'));
  return text ? fromText(text, t, f) : reason.message;
}
